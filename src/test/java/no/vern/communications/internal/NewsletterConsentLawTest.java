package no.vern.communications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import no.vern.communications.Eligibility;
import no.vern.communications.EligibilityReason;
import no.vern.communications.MailingList;
import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.consent.GiveConsent;
import no.vern.processing.LegalBasis;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.SubjectKind;
import no.vern.register.ImportOptions;
import no.vern.register.ImportReport;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.SubjectId;

/**
 * Markedsføringsloven § 15: email marketing to a natural person needs prior consent (first paragraph); the one
 * exception is the existing customer's soft opt-in (second paragraph), a documented purpose of its own on legitimate
 * interest, where every message carries the objection link (issue 21, item 7).
 */
class NewsletterConsentLawTest extends CommunicationsTestSupport {

    private static final Actor IMPORTER = Actor.system("test-import");

    @Autowired
    Eligibility eligibility;
    @Autowired
    ConsentLedger consents;
    @Autowired
    ProcessingRecord record;

    private EligibilityReason reason(String purpose, String email) {
        return eligibility.check(purpose, List.of(email)).get(0).reason();
    }

    private ImportReport importPrivatePerson(String email, String purpose) {
        String csv = "name;email\nPrivat Person;" + email + "\n";
        return Actors.runAs(IMPORTER, () -> register.importCsv(csv,
                new ImportOptions(SubjectKind.NEWSLETTER_RECIPIENT, purpose, false)));
    }

    @Test
    void theNewsletterRestsOnConsentAndTheCustomersSoftOptInOnLegitimateInterest() {
        assertThat(record.legalBasisOf("newsletter")).isEqualTo(LegalBasis.CONSENT);
        assertThat(record.legalBasisOf(SOFT_OPT_IN)).isEqualTo(LegalBasis.LEGITIMATE_INTEREST);
    }

    @Test
    void aCsvImportedPrivatePersonWithoutConsentIsNotEligibleForTheNewsletter() {
        String email = uniqueEmail();

        // Imported for the newsletter itself: refused per line, nothing is stored.
        ImportReport report = importPrivatePerson(email, "newsletter");
        assertThat(report.lines()).singleElement()
                .satisfies(l -> assertThat(l.status()).isEqualTo(ImportReport.Status.CONSENT_REQUIRED));
        assertThat(reason("newsletter", email)).isNotEqualTo(EligibilityReason.ELIGIBLE);

        // Imported under the customers' soft opt-in instead: stored, but a private person is still not mailed.
        ImportReport sideways = importPrivatePerson(email, SOFT_OPT_IN);
        assertThat(sideways.lines()).singleElement()
                .satisfies(l -> assertThat(l.status()).isEqualTo(ImportReport.Status.VALID));
        assertThat(reason(SOFT_OPT_IN, email)).isEqualTo(EligibilityReason.NO_CONSENT);
        assertThat(reason("newsletter", email)).isEqualTo(EligibilityReason.NO_CONSENT);
        assertThat(audience.members(newsletter())).doesNotContain(sideways.lines().get(0).subject());
    }

    @Test
    void anExistingCustomersSoftOptInIsEligibleAndTheMailCarriesTheObjectionLink() throws Exception {
        String email = uniqueEmail();
        SubjectId customer = reader("Test Kunde", email, "nb");
        assertThat(reason(SOFT_OPT_IN, email)).isEqualTo(EligibilityReason.ELIGIBLE);
        MailingList list = newsletter();
        assertThat(audience.members(list)).contains(customer);

        queued(list);
        sender.sendDue();

        List<MimeMessage> received = mailTo(email);
        assertThat(received).hasSize(1);
        String[] unsubscribe = received.get(0).getHeader("List-Unsubscribe");
        assertThat(unsubscribe).isNotNull();
        assertThat(unsubscribe[0]).matches("<https?://[^>]+/(avmelding|unsubscribe)/[A-Za-z0-9_.-]+>, <mailto:[^>]+>");
        String link = unsubscribe[0].substring(1, unsubscribe[0].indexOf('>'));
        assertThat((String) received.get(0).getContent()).contains(link, "Meld deg av med ett klikk");
    }

    @Test
    void aPrivatePersonWhoConsentedIsEligibleUntilTheConsentIsWithdrawn() {
        String email = uniqueEmail();
        SubjectId id = consents.give(GiveConsent.of(null, "newsletter", Channel.WEB_FORM, Locale.forLanguageTag("nb")))
                .subject();
        register.register(new NewSubject(id, Set.of(SubjectKind.NEWSLETTER_RECIPIENT), "newsletter", Source.SUBJECT, null,
                PersonalData.contact("Test Leser", email, null)));
        assertThat(reason("newsletter", email)).isEqualTo(EligibilityReason.ELIGIBLE);

        consents.withdraw(id, "newsletter", Channel.EMAIL_TO_PRIVACY_MAILBOX, null);

        // GDPR Art. 7(3): from the moment of withdrawal (the consent module also erases the newsletter records).
        assertThat(reason("newsletter", email)).isNotEqualTo(EligibilityReason.ELIGIBLE);
    }
}
