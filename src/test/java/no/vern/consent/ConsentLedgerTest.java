package no.vern.consent;

import static no.vern.consent.ConsentTestSupport.NB;
import static no.vern.consent.ConsentTestSupport.eventually;
import static no.vern.consent.ConsentTestSupport.holdsProspectRecords;
import static no.vern.consent.ConsentTestSupport.prospectConsents;
import static no.vern.consent.ConsentTestSupport.registerProspect;
import static no.vern.consent.ConsentTestSupport.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.processing.NoticeText;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.UnknownPurpose;
import no.vern.register.ConsentGate;
import no.vern.register.ConsentRequired;
import no.vern.register.PersonalData;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectUpdate;
import no.vern.register.Source;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/** The ledger and the gate the register asks (S4, S5; GDPR Art. 7(1) and 7(3)). */
@VernTest
class ConsentLedgerTest {

    @Autowired
    ConsentLedger ledger;
    @Autowired
    ConsentGate gate;
    @Autowired
    SubjectRegister register;
    @Autowired
    ProcessingRecord record;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aProspectWithoutConsentIsNotStored() {
        // S4: consent comes before storage.
        SubjectId id = SubjectId.random();
        assertThatThrownBy(() -> registerProspect(register, id, uniqueEmail())).isInstanceOf(ConsentRequired.class);
        assertThat(gate.permits(id, "prospect-dialogue")).isFalse();
    }

    @Test
    void consentGivenForANewSubjectLetsTheRegisterStoreIt() {
        ConsentReceipt receipt = prospectConsents(ledger);

        assertThat(gate.permits(receipt.subject(), "prospect-dialogue")).isTrue();
        assertThat(registerProspect(register, receipt.subject(), uniqueEmail())).isEqualTo(receipt.subject());
        assertThat(ledger.current(receipt.subject(), "prospect-dialogue")).hasValueSatisfying(s -> {
            assertThat(s.status()).isEqualTo(ConsentEventType.GIVEN);
            assertThat(s.receiptId()).isEqualTo(receipt.receiptId());
        });
    }

    @Test
    void consentForOnePurposeDoesNotOpenTheGateForAnother() {
        ConsentReceipt receipt = prospectConsents(ledger);
        assertThat(gate.permits(receipt.subject(), "recruitment")).isFalse();
    }

    @Test
    void withdrawalClosesTheGateAtOnceAndErasesTheConsentOnlyRecords() {
        // GDPR Art. 7(3): withdrawing is effective immediately and as easy as giving.
        ConsentReceipt receipt = prospectConsents(ledger);
        SubjectId id = registerProspect(register, receipt.subject(), uniqueEmail());

        ledger.withdraw(id, "prospect-dialogue", Channel.EMAIL_TO_PRIVACY_MAILBOX, "wrote to the privacy mailbox");

        assertThat(gate.permits(id, "prospect-dialogue")).isFalse();
        assertThatThrownBy(() -> register.update(id, register.summary(id).version(), new SubjectUpdate(
                "prospect-dialogue", Source.SUBJECT, null, null, PersonalData.contact("Ny Navnesen", null, null))))
                .isInstanceOf(ConsentRequired.class);
        eventually(() -> !holdsProspectRecords(register, id));
        assertThat(ledger.history(id)).extracting(ConsentEventView::type)
                .containsExactly(ConsentEventType.GIVEN, ConsentEventType.WITHDRAWN);
        assertThat(ledger.history(id).get(1).reason()).isEqualTo("wrote to the privacy mailbox");
    }

    @Test
    void withdrawingTwiceRecordsOneWithdrawal() {
        ConsentReceipt receipt = prospectConsents(ledger);
        ledger.withdraw(receipt.subject(), "prospect-dialogue", Channel.PHONE, null);
        ledger.withdraw(receipt.subject(), "prospect-dialogue", Channel.PHONE, null);
        assertThat(ledger.history(receipt.subject())).hasSize(2);
    }

    @Test
    void withdrawingAConsentThatDoesNotExistIsNotFound() {
        assertThatThrownBy(() -> ledger.withdraw(SubjectId.random(), "prospect-dialogue", Channel.PHONE, null))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void consentingAgainWhileActiveIsARenewalWithANewReceipt() {
        ConsentReceipt first = prospectConsents(ledger);
        ConsentReceipt second = ledger.give(GiveConsent.of(first.subject(), "prospect-dialogue", Channel.PHONE, NB));
        assertThat(second.type()).isEqualTo(ConsentEventType.RENEWED);
        assertThat(ledger.current(first.subject(), "prospect-dialogue").orElseThrow().receiptId())
                .isEqualTo(second.receiptId());
    }

    @Test
    void aConsentPastItsExpiryNoLongerOpensTheGate() {
        ConsentReceipt receipt = ledger.give(GiveConsent.of(null, "prospect-dialogue", Channel.WEB_FORM, NB)
                .expiringAt(clock.instant().plus(Duration.ofDays(10))));
        assertThat(gate.permits(receipt.subject(), "prospect-dialogue")).isTrue();

        clock.advance(Duration.ofDays(11));

        assertThat(gate.permits(receipt.subject(), "prospect-dialogue")).isFalse();
    }

    @Test
    void theNoticeVersionAndHashRecordedAreThoseOfTheTextShown() {
        // GDPR Art. 7(1): the controller can demonstrate what the person consented to.
        NoticeText shown = record.notice("prospect-dialogue", Locale.ENGLISH);
        ConsentReceipt receipt = ledger.give(GiveConsent.of(null, "prospect-dialogue", Channel.WEB_FORM, Locale.ENGLISH)
                .withNotice(shown.version(), shown.sha256()));

        ConsentEventView event = ledger.history(receipt.subject()).get(0);
        assertThat(event.noticeVersion()).isEqualTo(shown.version());
        assertThat(event.noticeHash()).isEqualTo(shown.sha256()).hasSize(64);
        assertThat(event.language()).isEqualTo("en");
        assertThat(receipt.noticeHash()).isEqualTo(shown.sha256());
    }

    @Test
    void aConsentOnAStaleNoticeIsRefusedAndNothingIsRecorded() {
        NoticeText shown = record.notice("prospect-dialogue", NB);
        SubjectId id = SubjectId.random();
        assertThatThrownBy(() -> ledger.give(GiveConsent.of(id, "prospect-dialogue", Channel.WEB_FORM, NB)
                .withNotice(shown.version() - 1, null))).isInstanceOf(StaleNotice.class);
        assertThatThrownBy(() -> ledger.give(GiveConsent.of(id, "prospect-dialogue", Channel.WEB_FORM, NB)
                .withNotice(shown.version(), "0".repeat(64)))).isInstanceOf(StaleNotice.class);
        assertThat(ledger.history(id)).isEmpty();
    }

    @Test
    void consentIsOnlyRecordedForPurposesBasedOnConsent() {
        assertThatThrownBy(() -> ledger.give(GiveConsent.of(null, "customer-administration", Channel.API, NB)))
                .isInstanceOf(NotConsentBased.class);
        assertThatThrownBy(() -> ledger.give(GiveConsent.of(null, "no-such-purpose", Channel.API, NB)))
                .isInstanceOf(UnknownPurpose.class);
        assertThatThrownBy(() -> ledger.give(GiveConsent.of(null, "Robert'); DROP", Channel.API, NB)))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void theLedgerIsAppendOnlyForTheApplicationRole() {
        // GDPR Art. 7(1): the evidence cannot be edited by the application.
        ConsentReceipt receipt = prospectConsents(ledger);
        UUID subject = receipt.subject().value();
        assertThatThrownBy(() -> jdbc.sql("UPDATE consent_event SET type = 'WITHDRAWN' WHERE subject_id = :s")
                .param("s", subject).update()).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM consent_event WHERE subject_id = :s").param("s", subject)
                .update()).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE consent_event").update()).rootCause().hasMessageContaining("permission denied");
        assertThat(ledger.history(receipt.subject())).hasSize(1);
    }

    @Test
    void countsShowActiveAndSoonExpiringConsentsPerPurpose() {
        long before = count("recruitment").active();
        long expiringBefore = count("recruitment").expiringSoon();
        ledger.give(GiveConsent.of(null, "recruitment", Channel.WEB_FORM, NB));
        ledger.give(GiveConsent.of(null, "recruitment", Channel.WEB_FORM, NB)
                .expiringAt(clock.instant().plus(Duration.ofDays(20))));

        assertThat(count("recruitment").active()).isEqualTo(before + 2);
        assertThat(count("recruitment").expiringSoon()).isEqualTo(expiringBefore + 1);
        assertThat(ledger.counts()).extracting(PurposeCount::purposeKey).doesNotContain("customer-administration");
    }

    private PurposeCount count(String purpose) {
        return ledger.counts().stream().filter(c -> c.purposeKey().equals(purpose)).findFirst().orElseThrow();
    }
}
