package no.vern.processing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import no.vern.processing.Contact;
import no.vern.processing.LegalBasis;
import no.vern.processing.PolicyText;
import no.vern.processing.PolicyText.Link;
import no.vern.processing.PolicyText.Section;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;

/**
 * The rights section of the policy (GDPR Arts. 13(2)(b)-(d), 15-22, 77), written from the legal bases of the
 * record: portability names the purposes on consent or contract (Art. 20(1)(a)), objection the purposes on
 * legitimate interest (Art. 21(1)), withdrawal the purposes on consent (Art. 7(3)); a right that no purpose gives
 * is not promised.
 */
final class PolicyRights {

    private PolicyRights() {
    }

    static Section section(ProcessingRecordDocument doc, Contact controller, Texts t) {
        List<String> items = new ArrayList<>();
        items.add(t.m("policy.rights.access"));
        items.add(t.m("policy.rights.documentation"));
        items.add(t.m("policy.rights.rectification"));
        items.add(t.m("policy.rights.erasure"));
        items.add(t.m("policy.rights.restriction"));
        String portable = purposes(doc, Set.of(LegalBasis.CONSENT, LegalBasis.CONTRACT), t);
        if (!portable.isEmpty()) {
            items.add(t.m("policy.rights.portability", portable));
        }
        String objectable = purposes(doc, Set.of(LegalBasis.LEGITIMATE_INTEREST, LegalBasis.PUBLIC_TASK), t);
        if (!objectable.isEmpty()) {
            items.add(t.m("policy.rights.object", objectable));
        }
        String consented = purposes(doc, Set.of(LegalBasis.CONSENT), t);
        if (!consented.isEmpty()) {
            items.add(t.m("policy.rights.withdraw", consented));
        }
        items.add(t.m("policy.rights.automated"));
        no.vern.processing.ComplaintAuthority authority = doc.companyProfile().complaintAuthority();
        String authorityName = t.english() ? authority.name().en() : authority.name().nb();
        items.add(t.m("policy.rights.complaint", authorityName));
        String center = t.english() ? PolicyText.RIGHTS_EN : PolicyText.RIGHTS_NB;
        Section how = new Section("rights-how", t.m("policy.rights.how.heading"),
                List.of(t.m("policy.rights.how.text", controller.email()), t.m("policy.rights.how.deadline")), List.of(),
                List.of(), null, List.of(new Link(t.m("policy.rights.link"), center)));
        return new Section("rights", t.m("policy.rights.heading"), List.of(t.m("policy.rights.text")), items,
                List.of(how), null, List.of(new Link(t.m("policy.contact.authorityLink", authorityName), authority.website())));
    }

    /** The names of the purposes on one of the bases, or empty. */
    private static String purposes(ProcessingRecordDocument doc, Set<LegalBasis> bases, Texts t) {
        return doc.purposes().stream().filter(p -> p.legalBasis() != null && bases.contains(p.legalBasis()))
                .map(Purpose::name).map(n -> n.in(t.locale())).distinct().collect(Collectors.joining(", "));
    }
}
