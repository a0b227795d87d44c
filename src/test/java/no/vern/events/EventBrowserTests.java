package no.vern.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.consent.ConsentEventType;
import no.vern.consent.ConsentLedger;
import no.vern.identity.Role;
import no.vern.identity.StaffAccounts;
import no.vern.processing.SubjectKind;
import no.vern.register.ConsentGate;
import no.vern.register.SubjectRegister;
import no.vern.shared.SubjectId;
import no.vern.support.Axe;
import no.vern.support.Browser;
import no.vern.support.MailTestSupport;

/**
 * Event sign-up in a real browser (S5; GDPR Art. 7): without and with the CRM consent, the register
 * and ledger state after each, the confirmation and receipt mails, withdrawal from the receipt's link,
 * and check-in in the console. Screenshots go to {@code target/screenshots/events-*.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class EventBrowserTests extends MailTestSupport {

    static final String USER = "events-marketing";
    static final String PASSWORD = "a-long-events-password";

    @LocalServerPort
    int port;

    @Autowired
    EventRegistry registry;
    @Autowired
    ConsentLedger ledger;
    @Autowired
    ConsentGate gate;
    @Autowired
    SubjectRegister register;
    @Autowired
    StaffAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Browser.available(), "chromium and chromium-driver are not installed");
    }

    String base() {
        return "http://localhost:" + port;
    }

    Event event(String title, boolean phone, boolean company) {
        Instant start = clock.instant().plus(Duration.ofDays(7));
        return registry.create(new NewEvent(title, start, "Fjellvik Oslo, Fjordgata 1", 30,
                start.minus(Duration.ofDays(1)), phone, company));
    }

    SubjectId latestSubject(Event event) {
        return new SubjectId(jdbc.sql("SELECT subject_id FROM events_registration WHERE event_id = :e ORDER BY seq DESC LIMIT 1")
                .param("e", event.id()).query(UUID.class).single());
    }

    @Test
    void signingUpWithoutCrmConsentKeepsThePersonForTheEventOnly() {
        Event event = event("Frokostseminar om personvern", true, true);
        String email = uniqueEmail();
        try (Browser visitor = Browser.start(base())) {
            visitor.open("/arrangementer/" + event.id());
            assertThat(visitor.find("html").getAttribute("lang")).isEqualTo("nb");
            assertThat(visitor.find("h1").getText()).isEqualTo(event.title());
            assertThat(visitor.find("#crmConsent").isSelected()).isFalse();
            assertThat(visitor.find("#newsletter").isSelected()).isFalse();
            visitor.type("#name", "Ingvild Sørbø").type("#email", email).type("#phone", "+47 412 34 567")
                    .type("#company", "Fjellvann AS");
            visitor.screenshot("events-signup-form");
            Axe.assertAccessible(visitor);
            visitor.click("#submit");
            assertThat(visitor.find("#signed-up").getText()).contains("Du er påmeldt");
            visitor.screenshot("events-signup-confirmed");
            Axe.assertAccessible(visitor);
        }
        SubjectId subject = latestSubject(event);
        assertThat(ledger.current(subject, "events").orElseThrow().status()).isEqualTo(ConsentEventType.GIVEN);
        assertThat(ledger.current(subject, "prospect-dialogue")).isEmpty();
        assertThat(gate.permits(subject, "prospect-dialogue")).isFalse();
        assertThat(register.summary(subject).kinds()).containsExactly(SubjectKind.EVENT_PARTICIPANT);
        assertThat(register.summary(subject).organisation().name()).isEqualTo("Fjellvann AS");
        assertThat(body(awaitMail(email, "Påmeldt: " + event.title()))).contains("/arrangementer/avmelding/");
        assertThat(mailTo(email, "Kvittering for samtykke")).hasSize(1);

        if (accounts.list().stream().noneMatch(a -> a.username().equals(USER))) {
            accounts.create(USER, PASSWORD, Set.of(Role.MARKETING));
        }
        try (Browser staff = Browser.start(base())) {
            staff.login(USER, PASSWORD).open("/console/events/" + event.id());
            assertThat(staff.find("#participants").getText()).contains("Ingvild Sørbø", email, "Fjellvann AS");
            staff.click("#participants form button[type=submit]");
            assertThat(staff.find("#participants").getText()).doesNotContain("Sjekk inn");
            staff.screenshot("events-console-checked-in");
        }
    }

    @Test
    void signingUpWithCrmConsentInEnglishAndWithdrawingItFromTheReceiptLink() {
        Event event = event("Breakfast seminar on privacy", false, false);
        String email = uniqueEmail();
        try (Browser visitor = Browser.start(base())) {
            visitor.open("/arrangementer/" + event.id() + "?lang=en");
            assertThat(visitor.find("html").getAttribute("lang")).isEqualTo("en");
            assertThat(visitor.driver().findElements(org.openqa.selenium.By.id("phone"))).isEmpty();
            visitor.type("#name", "Jonas Lie").type("#email", email).click("#crmConsent");
            // click() waits for a page load; a checkbox is ticked in place.
            assertThat(visitor.find("#crmConsent").isSelected()).isTrue();
            visitor.screenshot("events-signup-form-en-crm");
            Axe.assertAccessible(visitor);
            visitor.click("#submit");
            assertThat(visitor.find("#signed-up").getText()).contains("You are signed up");
            visitor.screenshot("events-signup-confirmed-en");
            Axe.assertAccessible(visitor);
        }
        SubjectId subject = latestSubject(event);
        assertThat(ledger.current(subject, "events").orElseThrow().status()).isEqualTo(ConsentEventType.GIVEN);
        assertThat(ledger.current(subject, "prospect-dialogue").orElseThrow().status()).isEqualTo(ConsentEventType.GIVEN);
        assertThat(register.summary(subject).kinds()).contains(SubjectKind.EVENT_PARTICIPANT, SubjectKind.PROSPECT);
        assertThat(register.read(subject, "prospect-dialogue").value("email")).contains(email);
        assertThat(body(awaitMail(email, "Signed up: " + event.title()))).contains("Cannot come?");

        // The CRM receipt's one-click link (GDPR Art. 7(3)).
        String receipt = body(awaitMail(email, "Consent receipt: Prospect dialogue"));
        String withdraw = link(receipt, "/consent/withdraw/");
        try (Browser person = Browser.start(base())) {
            person.open(withdraw);
            assertThat(person.find("html").getAttribute("lang")).isEqualTo("en");
            person.screenshot("events-receipt-withdraw");
            Axe.assertAccessible(person);
            person.click("main form button[type=submit]");
            assertThat(person.find("h1").getText()).isEqualTo("Your consent is withdrawn");
            person.screenshot("events-receipt-withdrawn");
            Axe.assertAccessible(person);
        }
        assertThat(gate.permits(subject, "prospect-dialogue")).isFalse();
        assertThat(ledger.current(subject, "prospect-dialogue").orElseThrow().status())
                .isEqualTo(ConsentEventType.WITHDRAWN);
        // The event sign-up stands: only the CRM consent was withdrawn.
        assertThat(gate.permits(subject, "events")).isTrue();
        assertThat(registry.get(event.id()).confirmed()).isEqualTo(1);
    }
}
