package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import no.vern.breach.Breach;
import no.vern.breach.BreachRegister;
import no.vern.breach.NewBreach;
import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.consent.GiveConsent;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.requests.NewRequest;
import no.vern.requests.RequestChannel;
import no.vern.requests.RequestKind;
import no.vern.requests.Requests;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.DatabaseDump;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/**
 * Issue 14, item 5 (rule 4): canary personal data goes through the register, a consent with its
 * receipt email, a data-subject request, a breach report with the reporter's contact, and the erasure of
 * the person; at no point does a dump of every table of every schema hold a canary in plain text. (Logs
 * are checked for every test class by {@code CanaryCheckExtension}.)
 */
@VernTest
class CanaryLeakTest {

    @Autowired
    SubjectRegister register;
    @Autowired
    ConsentLedger consents;
    @Autowired
    Requests requests;
    @Autowired
    BreachRegister breaches;
    @Autowired
    TestClock clock;
    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Test
    void canariesThroughEveryCapabilityNeverReachTheDatabaseInPlainText() throws Exception {
        // The consent comes first: given under an address already held, it would join that subject.
        String email = Canaries.uniqueEmail();
        SubjectId prospect = consents.give(new GiveConsent(null, "prospect-dialogue", Channel.WEB_FORM, Locale.ENGLISH,
                null, null, null, email)).subject();
        register.register(new NewSubject(prospect, Set.of(SubjectKind.PROSPECT), "prospect-dialogue", Source.SUBJECT,
                null, PersonalData.contact(Canaries.NAME, email, null)));
        SubjectId customer = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-administration", Source.CUSTOMER, null, new PersonalData(Canaries.NAME, Canaries.EMAIL,
                        Canaries.PHONE, null, null, Canaries.IBAN, null, null)));
        requests.receive(new NewRequest(RequestKind.ACCESS, RequestChannel.EMAIL, Canaries.EMAIL, clock.instant(),
                Locale.forLanguageTag("nb"), "Jeg heter " + Canaries.NAME + " og vil se alt dere har om meg"));
        Breach breach = breaches.report(new NewBreach("Feilsendt e-post", "En liste ble sendt til feil mottaker",
                null, clock.instant().minus(Duration.ofHours(1)), no.vern.breach.Channel.PUBLIC_FORM,
                Canaries.NAME + ", " + Canaries.EMAIL));
        assertThat(breaches.get(breach.id()).reporterContact()).contains(Canaries.EMAIL);

        List<String> forms = new ArrayList<>(Canaries.ALL);
        forms.add(Canaries.EMAIL.toLowerCase(Locale.ROOT));
        forms.add(email);
        String before = DatabaseDump.everySchema(owner);
        assertThat(before).contains(customer.value().toString()); // the dump really holds the subject
        DatabaseDump.assertHoldsNone(before, forms);

        register.erase(customer);
        register.erase(prospect);
        breaches.assess(breach.id(), no.vern.breach.RiskLevel.NONE, "Mottakeren slettet listen samme dag");
        breaches.close(breach.id());
        assertThat(breaches.get(breach.id()).reporterContact()).isNull();
        DatabaseDump.assertHoldsNone(DatabaseDump.everySchema(owner), forms);
    }
}
