package no.vern.communications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import no.vern.communications.Exclusion;
import no.vern.communications.ListKind;
import no.vern.communications.MailingList;
import no.vern.communications.NewList;
import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.consent.ConsentReceipt;
import no.vern.consent.GiveConsent;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectDirectory.DirectoryEntry;
import no.vern.shared.SubjectId;

/** Who may be in an audience (S4, S5, S7; markedsføringsloven § 15: marketing email needs consent outside a customer relationship). */
class AudienceRulesTest extends CommunicationsTestSupport {

    @Autowired
    ConsentLedger consents;

    @Test
    void prospectsAndCandidatesWithoutConsentForTheListsPurposeAreNeverInAnAudience() {
        ConsentReceipt prospect = consents.give(GiveConsent.of(null, "prospect-dialogue", Channel.WEB_FORM, Locale.ENGLISH));
        register.register(new NewSubject(prospect.subject(), Set.of(SubjectKind.PROSPECT), "prospect-dialogue",
                Source.SUBJECT, null, PersonalData.contact("Test Prospekt", uniqueEmail(), null)));
        ConsentReceipt candidate = consents.give(GiveConsent.of(null, "recruitment", Channel.WEB_FORM, Locale.ENGLISH));
        register.register(new NewSubject(candidate.subject(), Set.of(SubjectKind.CANDIDATE), "recruitment",
                Source.SUBJECT, null, PersonalData.contact("Test Kandidat", uniqueEmail(), null)));
        MailingList everyone = communications.createList(new NewList("Alle " + prospect.subject(), ListKind.NEWSLETTER,
                "newsletter", Set.of(SubjectKind.values())));

        // Consent to the prospect dialogue is not consent to newsletters.
        assertThat(audience.members(everyone)).doesNotContain(prospect.subject(), candidate.subject());
        // Even a record of a prospect held for the newsletter purpose would not be enough: legitimate interest never admits them.
        DirectoryEntry prospectForNewsletter = new DirectoryEntry(prospect.subject(), Set.of(SubjectKind.PROSPECT),
                Set.of("newsletter"), List.of(), false);
        assertThat(audience.exclusion(everyone, prospectForNewsletter, Audience.Blocks.NONE)).contains(Exclusion.NO_CONSENT);
        DirectoryEntry candidateAndContact = new DirectoryEntry(candidate.subject(),
                Set.of(SubjectKind.CANDIDATE, SubjectKind.CUSTOMER_CONTACT), Set.of("newsletter"), List.of(), false);
        assertThat(audience.exclusion(everyone, candidateAndContact, Audience.Blocks.NONE)).contains(Exclusion.NO_CONSENT);
    }

    @Test
    void aConsentBasedListReachesOnlyPeopleWhoseConsentIsInForceFromTheMomentOfWithdrawal() {
        ConsentReceipt receipt = consents.give(GiveConsent.of(null, "events", Channel.EVENT_SIGNUP, Locale.ENGLISH));
        SubjectId participant = register.register(new NewSubject(receipt.subject(), Set.of(SubjectKind.EVENT_PARTICIPANT),
                "events", Source.EVENT_FORM, null, PersonalData.contact("Test Deltaker", uniqueEmail(), null)));
        MailingList invitations = communications.createList(new NewList("Frokost " + participant, ListKind.INVITATION,
                "events", Set.of(SubjectKind.EVENT_PARTICIPANT)));
        assertThat(audience.members(invitations)).contains(participant);

        consents.withdraw(participant, "events", Channel.EMAIL_TO_PRIVACY_MAILBOX, null);

        // GDPR Art. 7(3): honoured at once; the gate is read on every decision.
        assertThat(audience.exclusion(invitations, new DirectoryEntry(participant, Set.of(SubjectKind.EVENT_PARTICIPANT),
                Set.of("events"), List.of(), false), Audience.Blocks.NONE)).contains(Exclusion.NO_CONSENT);
    }

    @Test
    void customerContactsWithTheirAddressHeldForTheNewsletterAreInTheAudience() {
        SubjectId contact = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), SOFT_OPT_IN,
                Source.CUSTOMER, null, PersonalData.contact("Test Kunde", uniqueEmail(), null)));
        SubjectId onlyForInvoices = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-administration", Source.CUSTOMER, null, PersonalData.contact("Test Faktura", uniqueEmail(), null)));
        MailingList list = newsletter();

        // S8: an address collected for invoicing is not used for a newsletter.
        assertThat(audience.members(list)).contains(contact).doesNotContain(onlyForInvoices);
        assertThat(communications.preview(list.id()).reachable()).isPositive();
    }
}
