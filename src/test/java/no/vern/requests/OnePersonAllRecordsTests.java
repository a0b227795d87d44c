package no.vern.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.consent.GiveConsent;
import no.vern.crypto.CryptoShredder;
import no.vern.processing.SubjectKind;
import no.vern.register.DuplicateGroup;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.RecordView;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectSummary;
import no.vern.shared.SubjectId;
import no.vern.support.VernTest;

/**
 * One person, all records (issue 20, item 5): a person held twice under one address, as a customer contact
 * and as an event participant, gets one access export with both, one erasure of both, and staff find and
 * merge the two subjects into one (the merged subject's key shredded, its consent carried over).
 */
@VernTest
@Import(RequestsTestSupport.Systems.class)
class OnePersonAllRecordsTests extends RequestsTestSupport {

    @Autowired
    Requests requests;
    @Autowired
    PrivacyCenter center;
    @Autowired
    SubjectRegister register;
    @Autowired
    ConsentLedger ledger;
    @Autowired
    CryptoShredder shredder;

    private record Twice(SubjectId contact, SubjectId participant, String email) {
    }

    /** The same person as a customer contact and (on consent) as an event participant: two subjects. */
    private Twice heldTwice(String who) {
        String email = uniqueEmail(who);
        SubjectId contact = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-administration", Source.SUBJECT, null, PersonalData.contact("Kari Kontakt", email, null)));
        SubjectId participant = SubjectId.random();
        ledger.give(new GiveConsent(participant, "events", Channel.EVENT_SIGNUP, Locale.ENGLISH, null, null, null, null));
        register.register(new NewSubject(participant, Set.of(SubjectKind.EVENT_PARTICIPANT), "events",
                Source.EVENT_FORM, null, PersonalData.contact("Kari Deltaker", email, "+4791234567")));
        return new Twice(contact, participant, email);
    }

    private RequestId verified(RequestKind kind, String email) {
        RequestId id = requests.receive(new NewRequest(kind, RequestChannel.EMAIL, email, null, Locale.ENGLISH, null))
                .request().id();
        requests.verify(id, "replied from the address");
        return id;
    }

    @Test
    void art15_theAccessExportHoldsTheDataOfEverySubjectUnderTheVerifiedAddress() {
        Twice person = heldTwice("access");
        RequestId id = verified(RequestKind.ACCESS, person.email());
        requests.complete(id, null);
        tellEveryRecipient(id);
        String json = new String(center.download(id, PrivacyCenter.ExportFormat.JSON).orElseThrow().content(),
                StandardCharsets.UTF_8);
        assertThat(json).contains("Kari Kontakt", "Kari Deltaker", "+4791234567");
    }

    @Test
    void art15_aSubjectErasedAfterReceiptIsLeftOutOfTheExportAndTheLiveOneIsIn() {
        Twice person = heldTwice("erased-between");
        RequestId id = verified(RequestKind.ACCESS, person.email()); // both subjects recorded in the case
        register.erase(person.participant());
        requests.complete(id, null);
        tellEveryRecipient(id);
        String json = new String(center.download(id, PrivacyCenter.ExportFormat.JSON).orElseThrow().content(),
                StandardCharsets.UTF_8);
        assertThat(json).contains("Kari Kontakt").doesNotContain("Kari Deltaker", "+4791234567");
    }

    @Test
    void art17_anErasureRequestErasesEverySubjectUnderTheVerifiedAddressAndSaysSo() {
        Twice person = heldTwice("erase");
        RequestId id = verified(RequestKind.ERASURE, person.email());
        requests.complete(id, null);
        tellEveryRecipient(id);
        assertThat(register.isErased(person.contact())).isTrue();
        assertThat(register.isErased(person.participant())).isTrue();
        assertThat(mailTo(person.email())).anySatisfy(m -> assertThat(body(m))
                .contains("We found 2 entries about you", "The entry as", "We have erased the data"));
    }

    @Test
    void aSubjectFoundUnderTheAddressAfterReceiptIsActedOnToo() {
        String email = uniqueEmail("later");
        SubjectId first = register.register(contactOnFile("Kari Først", email));
        RequestId id = verified(RequestKind.ERASURE, email);
        SubjectId later = register.register(new NewSubject(null, Set.of(SubjectKind.PARTNER_CONTACT),
                "partner-management", Source.SUBJECT, null, PersonalData.contact("Kari Senere", email, null)));
        requests.complete(id, null);
        tellEveryRecipient(id);
        assertThat(register.isErased(first)).isTrue();
        assertThat(register.isErased(later)).isTrue();
        assertThat(requests.history(id)).extracting(CaseEvent::action).contains("subjects-found");
    }

    @Test
    void thePossibleDuplicatesViewFindsTheTwoSubjectsAndAMergeLeavesOneWhoseOldKeyIsShredded() {
        Twice person = heldTwice("merge");
        assertThat(register.possibleDuplicates(500)).anySatisfy(g -> assertThat(g.subjects())
                .extracting(SubjectSummary::id).contains(person.contact(), person.participant()));

        register.merge(person.contact(), person.participant());

        assertThat(shredder.isShredded(person.participant())).isTrue();
        assertThat(register.isErased(person.participant())).isTrue();
        assertThat(shredder.isShredded(person.contact())).isFalse();
        assertThat(register.findByEmail(person.email())).extracting(SubjectSummary::id).containsExactly(person.contact());
        SubjectSummary kept = register.summary(person.contact());
        assertThat(kept.kinds()).contains(SubjectKind.CUSTOMER_CONTACT, SubjectKind.EVENT_PARTICIPANT);
        // The participant's data lives on under the survivor's key, on the consent carried over with it.
        assertThat(register.read(person.contact(), "events").records()).extracting(RecordView::value)
                .contains("Kari Deltaker", "+4791234567");
        assertThat(ledger.current(person.contact(), "events")).hasValueSatisfying(s ->
                assertThat(s.status().grants()).isTrue());
        // History is kept on both sides.
        assertThat(register.history(person.contact())).anySatisfy(h ->
                assertThat(h.change()).contains("merged-from " + person.participant().reference()));
        assertThat(register.history(person.participant())).anySatisfy(h ->
                assertThat(h.change()).contains("merged-into " + person.contact().reference()));
        assertThat(register.possibleDuplicates(500)).noneSatisfy(g -> assertThat(g.subjects())
                .extracting(SubjectSummary::id).contains(person.contact()));
    }

    @Test
    void aConsentWithdrawnThroughTheMergedSubjectsReceiptReachesTheSurvivor() {
        String email = uniqueEmail("receipt");
        SubjectId contact = register.register(contactOnFile("Kari", email));
        SubjectId participant = SubjectId.random();
        var receipt = ledger.give(new GiveConsent(participant, "events", Channel.EVENT_SIGNUP, Locale.ENGLISH, null,
                null, null, null));
        register.register(new NewSubject(participant, Set.of(SubjectKind.EVENT_PARTICIPANT), "events",
                Source.EVENT_FORM, null, PersonalData.contact("Kari", email, null)));
        register.merge(contact, participant);

        ledger.withdrawReceipt(receipt.receiptId(), Channel.WITHDRAWAL_LINK, null);

        assertThat(ledger.current(contact, "events")).hasValueSatisfying(s ->
                assertThat(s.status().grants()).isFalse());
    }

    @Test
    void twoSubjectsThatShareNoAddressAreNotMerged() {
        SubjectId a = register.register(contactOnFile("A", uniqueEmail("a")));
        SubjectId b = register.register(contactOnFile("B", uniqueEmail("b")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> register.merge(a, b))
                .isInstanceOf(no.vern.shared.InvalidInput.class);
        assertThat(register.isErased(b)).isFalse();
        assertThat(DuplicateGroup.class).isNotNull();
    }
}
