package no.vern.processing.internal;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import no.vern.processing.Activity;
import no.vern.processing.CompanyProfile;
import no.vern.processing.LegalBasis;
import no.vern.processing.NoticeText;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.RecordVersion;
import no.vern.processing.UnknownPurpose;

/**
 * Writes the information owed to a person whose data was obtained from someone else (GDPR Art. 14(1)–(2)) for one
 * purpose, from a version of the record and in the policy's own words ({@link PolicyWords}, {@link PolicyWriter}):
 * the controller and DPO (14(1)(a)–(b)), the purpose and legal basis with the legitimate interest (14(1)(c), 14(2)(b)),
 * the categories (14(1)(d)), the recipients (14(1)(e)), the transfers from the transfer register (14(1)(f)), retention
 * as the deleting modules enforce it (14(2)(a)), the rights, withdrawal and complaint (14(2)(c)–(e)). The source
 * (14(2)(f)) is the caller's: it differs per person and import.
 */
@Component
class SourceNoticeWriter {

    private final PolicyWords words;
    private final PolicyWriter policy;

    SourceNoticeWriter(PolicyWords words, PolicyWriter policy) {
        this.words = words;
        this.policy = policy;
    }

    /** The Art. 14 information of one purpose in one language, with the SHA-256 of its exact text. */
    NoticeText notice(RecordVersion version, String purposeKey, Locale locale) {
        ProcessingRecordDocument doc = version.document();
        Purpose purpose = doc.purpose(purposeKey).orElseThrow(() -> new UnknownPurpose(purposeKey));
        Activity activity = doc.activityOf(purposeKey).orElseThrow();
        CompanyProfile company = doc.companyProfile();
        Texts t = words.texts(locale);
        PolicyWriter.Inputs inputs = policy.inputs(version, locale);
        StringBuilder text = new StringBuilder();
        text.append(t.m("notice.controller", company.legalName(), company.privacyMailbox())).append('\n');
        text.append(t.m("sourceNotice.dpo", company.dpoName(), company.dpoEmail())).append('\n');
        text.append(t.m("sourceNotice.purpose")).append(": ").append(purpose.name().in(locale)).append(" – ")
                .append(Texts.sentence(purpose.description().in(locale))).append('\n');
        text.append(t.m("notice.basis")).append(": ").append(Texts.sentence(PolicyWords.basis(purpose, t))).append('\n');
        text.append(t.m("sourceNotice.data")).append(": ").append(PolicyWords.categories(doc, activity, t)).append('\n');
        text.append(t.m("notice.recipients")).append(": ")
                .append(PolicyWords.recipients(inputs.recipients(activity, locale), t)).append('\n');
        text.append(t.m("sourceNotice.transfers")).append(": ").append(transfers(activity, inputs, t)).append('\n');
        text.append(t.m("notice.retention")).append(": ").append(PolicyWriter.retention(purpose, inputs, t)).append('\n');
        text.append(t.m("sourceNotice.rights", company.privacyMailbox())).append('\n');
        if (purpose.legalBasis() == LegalBasis.LEGITIMATE_INTEREST) {
            text.append(t.m("sourceNotice.object")).append('\n');
        }
        if (purpose.legalBasis() == LegalBasis.CONSENT) {
            text.append(t.m("notice.withdraw", company.privacyMailbox())).append('\n');
        }
        text.append(t.m("sourceNotice.complaint", company.complaintAuthority().name().in(locale),
                company.complaintAuthority().website())).append('\n');
        text.append(t.m("notice.policy", String.valueOf(version.version()), t.english() ? "/privacy" : "/personvern"))
                .append('\n');
        String plain = text.toString();
        return new NoticeText(purposeKey, version.version(), locale, plain, PolicyWriter.sha256(plain));
    }

    /** Art. 14(1)(f): the registered transfers of the activity. */
    private static String transfers(Activity activity, PolicyWriter.Inputs inputs, Texts t) {
        List<String> lines = inputs.transfers() == null ? List.of()
                : inputs.transfers().stream().filter(s -> s.activities().contains(activity.id()))
                        .map(s -> t.m("policy.transfers.item", s.recipient(), s.country(), s.mechanism()))
                        .collect(Collectors.toList());
        return lines.isEmpty() ? t.m("policy.activity.transfers.none") : Texts.sentence(String.join("; ", lines));
    }
}
