package no.vern.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import jakarta.mail.internet.MimeMessage;
import no.vern.consent.Channel;
import no.vern.consent.ConsentEventType;
import no.vern.consent.ConsentEventView;
import no.vern.consent.ConsentLedger;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.SubjectKind;
import no.vern.register.SubjectRegister;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.MailTestSupport;
import no.vern.support.VernTest;

/**
 * Event sign-up (issue 6 item 5; S5, S11; GDPR Art. 7): consent to the event is recorded with the
 * notice shown before the person is stored; CRM consent is separate and optional; confirmation mail
 * with a cancel link; waiting list; staff export and check-in.
 */
@VernTest
class EventSignUpTest extends MailTestSupport {

    static final RequestPostProcessor MARKETING = user("marked").roles("MARKETING");
    static final RequestPostProcessor SALES = user("salg").roles("SALES");

    @Autowired
    MockMvc mvc;
    @Autowired
    EventRegistry registry;
    @Autowired
    ConsentLedger ledger;
    @Autowired
    SubjectRegister register;
    @Autowired
    ProcessingRecord record;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    Event event(int capacity, boolean phone, boolean company) {
        Instant start = clock.instant().plus(Duration.ofDays(10));
        return registry.create(new NewEvent("Frokostseminar " + UUID.randomUUID().toString().substring(0, 6), start,
                "Oslo", capacity, start.minus(Duration.ofDays(1)), phone, company));
    }

    MockHttpServletRequestBuilder form(Event event, String name, String email) {
        return post("/arrangementer/" + event.id()).with(csrf()).param("name", name).param("email", email)
                .param("noticeHash", record.notice("events", Locale.forLanguageTag("nb")).sha256());
    }

    SubjectId subjectOf(Event event, String status) {
        return new SubjectId(jdbc.sql("""
                SELECT subject_id FROM events_registration WHERE event_id = :e AND status = :s ORDER BY seq DESC LIMIT 1
                """).param("e", event.id()).param("s", status).query(UUID.class).single());
    }

    static void eventually(BooleanSupplier condition) {
        Instant end = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition not met within 10 s").isBefore(end);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void thePublicPageAsksOnlyForWhatTheEventNeedsWithSeparateUntickedChoices() throws Exception {
        Event lean = event(10, false, false);
        String page = mvc.perform(get("/arrangementer/" + lean.id())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        // S11: name and email only, unless the event asks for more.
        assertThat(page).contains("lang=\"nb\"", "name=\"name\"", "name=\"email\"", "name=\"crmConsent\"",
                "name=\"newsletter\"", "name=\"_csrf\"", record.notice("events", Locale.forLanguageTag("nb")).sha256());
        assertThat(page).doesNotContain("name=\"phone\"", "name=\"company\"", "<script", "style=", "checked");

        Event rich = event(10, true, true);
        String en = mvc.perform(get("/arrangementer/" + rich.id()).param("lang", "en")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("lang=\"en\"", "Sign me up", "name=\"phone\"", "name=\"company\"");
    }

    @Test
    void theSentenceAboveTheChoicesSaysTheRecordsLegalBasisAndTheRetentionTheNoticeStates() throws Exception {
        Event lean = event(10, false, false);
        String page = mvc.perform(get("/arrangementer/" + lean.id())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        String sentence = org.jsoup.Jsoup.parse(page).select("#basis-sentence").text();

        String retention = record.notice("events", Locale.forLanguageTag("nb")).text().lines()
                .filter(l -> l.startsWith("Lagringstid: ")).map(l -> l.substring("Lagringstid: ".length()).strip())
                .findFirst().orElseThrow();
        // The events purpose rests on consent in the record, so signing up is the consent (Art. 7, Art. 13(2)(a)).
        assertThat(record.legalBasisOf("events")).isEqualTo(no.vern.processing.LegalBasis.CONSENT);
        assertThat(sentence).startsWith("Når du melder deg på, samtykker du til at vi bruker opplysningene over")
                .endsWith("Krysser du ikke av for CRM-systemet nedenfor, slettes opplysningene etter lagringstiden over ("
                        + retention.replaceAll("[.]$", "") + ").")
                .doesNotContain("CRM under");
    }

    @Test
    void signingUpWithoutCrmConsentRecordsTheEventConsentOnTheNoticeShownStoresTheParticipantAndMails()
            throws Exception {
        Event event = event(10, true, false);
        String email = Canaries.uniqueEmail();
        String hash = record.notice("events", Locale.forLanguageTag("nb")).sha256();
        mvc.perform(form(event, Canaries.NAME, email).param("phone", Canaries.PHONE))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/arrangementer/" + event.id() + "?status=CONFIRMED"));

        SubjectId subject = subjectOf(event, "CONFIRMED");
        ConsentEventView consent = ledger.history(subject).get(0);
        assertThat(consent.purposeKey()).isEqualTo("events");
        assertThat(consent.type()).isEqualTo(ConsentEventType.GIVEN);
        assertThat(consent.channel()).isEqualTo(Channel.EVENT_SIGNUP);
        assertThat(consent.noticeHash()).isEqualTo(hash);
        assertThat(ledger.current(subject, "prospect-dialogue")).isEmpty();
        assertThat(register.summary(subject).kinds()).containsExactly(SubjectKind.EVENT_PARTICIPANT);
        assertThat(register.read(subject, "events").value("email")).contains(email);
        assertThat(register.read(subject, "prospect-dialogue").records()).isEmpty();

        MimeMessage mail = awaitMail(email, "Påmeldt: " + event.title());
        assertThat(body(mail)).contains(event.title(), "/arrangementer/avmelding/");
        // The page after the redirect says so, without any personal data in the address.
        assertThat(mvc.perform(get("/arrangementer/" + event.id()).param("status", "CONFIRMED")).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("Du er påmeldt");
        // Nothing in the module's own tables but ids.
        assertThat(jdbc.sql("SELECT count(*) FROM events_registration WHERE events_registration::text ILIKE '%kanari%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void crmConsentIsRecordedSeparatelyAndKeepsTheContactForTheProspectDialogue() throws Exception {
        Event event = event(10, false, false);
        String email = uniqueEmail();
        mvc.perform(form(event, "Berit Solheim", email).param("crmConsent", "true")
                .param("crmNoticeHash", record.notice("prospect-dialogue", Locale.forLanguageTag("nb")).sha256()))
                .andExpect(status().isFound());

        SubjectId subject = subjectOf(event, "CONFIRMED");
        assertThat(ledger.current(subject, "events").orElseThrow().status()).isEqualTo(ConsentEventType.GIVEN);
        assertThat(ledger.current(subject, "prospect-dialogue").orElseThrow().status())
                .isEqualTo(ConsentEventType.GIVEN);
        assertThat(register.summary(subject).kinds()).contains(SubjectKind.EVENT_PARTICIPANT, SubjectKind.PROSPECT);
        assertThat(register.read(subject, "prospect-dialogue").value("email")).contains(email);
        awaitMail(email, "Påmeldt: ");
        // One receipt per consent (GDPR Art. 7(1)), each with its own withdrawal link.
        assertThat(mailTo(email, "Kvittering for samtykke")).hasSize(2);
    }

    @Test
    void theEnglishFormMailsInEnglish() throws Exception {
        Event event = event(10, false, false);
        String email = uniqueEmail();
        mvc.perform(post("/arrangementer/" + event.id()).with(csrf()).param("lang", "en").param("name", "Ola Berg")
                .param("email", email)).andExpect(redirectedUrl("/arrangementer/" + event.id() + "?status=CONFIRMED&lang=en"));
        MimeMessage mail = awaitMail(email, "Signed up: " + event.title());
        assertThat(body(mail)).contains("Cannot come?", "lang=en");
        assertThat(ledger.history(subjectOf(event, "CONFIRMED")).get(0).language()).isEqualTo("en");
    }

    @Test
    void badInputReRendersWithFieldMessagesAndStoresNothing() throws Exception {
        Event event = event(10, true, false);
        long before = jdbc.sql("SELECT count(*) FROM consent_event").query(Long.class).single();
        String page = mvc.perform(form(event, "", "ikke-en-adresse").param("phone", "abc"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Skriv navnet ditt", "Skriv en gyldig e-postadresse", "aria-invalid=\"true\"");
        assertThat(jdbc.sql("SELECT count(*) FROM consent_event").query(Long.class).single()).isEqualTo(before);
        assertThat(registry.get(event.id()).confirmed()).isZero();
    }

    @Test
    void theSameAddressCannotSignUpTwice() throws Exception {
        Event event = event(10, false, false);
        String email = uniqueEmail();
        mvc.perform(form(event, "Nils Dahl", email)).andExpect(status().isFound());
        String page = mvc.perform(form(event, "Nils Dahl", email.toUpperCase(Locale.ROOT)))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("allerede påmeldt");
        assertThat(registry.get(event.id()).confirmed()).isEqualTo(1);
    }

    @Test
    void theNewsletterBoxIsAConsentAndARefusedDuplicateSignUpDoesNotWithdrawIt() throws Exception {
        // Markedsføringsloven § 15 first paragraph: the newsletter to a private person rests on her consent.
        Event event = event(10, false, false);
        String email = uniqueEmail();
        mvc.perform(form(event, "Nora Lie", email).param("newsletter", "true")).andExpect(status().isFound());
        SubjectId subject = subjectOf(event, "CONFIRMED");
        assertThat(ledger.current(subject, "newsletter").orElseThrow().activeAt(clock.instant())).isTrue();
        assertThat(register.read(subject, "newsletter").value("email")).isPresent();

        // The same address again, box ticked: refused, and the consent the reader already has stays in force.
        mvc.perform(form(event, "Nora Lie", email).param("newsletter", "true"))
                .andExpect(status().isUnprocessableContent());
        assertThat(ledger.current(subject, "newsletter").orElseThrow().activeAt(clock.instant())).isTrue();
    }

    @Test
    void afterTheDeadlineSignUpIsClosed() throws Exception {
        Instant start = clock.instant().plus(Duration.ofHours(2));
        Event event = registry.create(new NewEvent("Stengt seminar", start, "Bergen", 5,
                clock.instant().plus(Duration.ofHours(1)), false, false));
        no.vern.support.TestClock testClock = (no.vern.support.TestClock) clock;
        testClock.advance(Duration.ofMinutes(90));
        try {
            mvc.perform(form(event, "Sen Person", uniqueEmail())).andExpect(status().isUnprocessableContent());
            assertThat(mvc.perform(get("/arrangementer/" + event.id())).andReturn().getResponse()
                    .getContentAsString(StandardCharsets.UTF_8)).contains("Påmeldingen er stengt")
                    .doesNotContain("name=\"email\"");
        } finally {
            testClock.reset();
        }
    }

    @Test
    void aFullEventPutsPeopleOnTheWaitingListAndACancelPromotesTheFirstAndMailsThem() throws Exception {
        Event event = event(1, false, false);
        String first = uniqueEmail();
        String second = uniqueEmail();
        String third = uniqueEmail();
        mvc.perform(form(event, "Første Person", first)).andExpect(redirectedUrl("/arrangementer/" + event.id() + "?status=CONFIRMED"));
        mvc.perform(form(event, "Andre Person", second)).andExpect(redirectedUrl("/arrangementer/" + event.id() + "?status=WAITING"));
        mvc.perform(form(event, "Tredje Person", third)).andExpect(redirectedUrl("/arrangementer/" + event.id() + "?status=WAITING"));
        assertThat(registry.get(event.id())).satisfies(e -> {
            assertThat(e.confirmed()).isEqualTo(1);
            assertThat(e.waiting()).isEqualTo(2);
        });
        awaitMail(second, "Venteliste: ");
        SubjectId firstSubject = subjectOf(event, "CONFIRMED");

        String cancel = link(body(awaitMail(first, "Påmeldt: ")), "/arrangementer/avmelding/");
        // Opening the link changes nothing; the button does.
        assertThat(mvc.perform(get(cancel)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("Meld meg av", event.title());
        assertThat(registry.get(event.id()).confirmed()).isEqualTo(1);
        mvc.perform(post(cancel).with(csrf())).andExpect(status().isFound());

        assertThat(registry.get(event.id())).satisfies(e -> {
            assertThat(e.confirmed()).isEqualTo(1);
            assertThat(e.waiting()).isEqualTo(1);
        });
        assertThat(body(awaitMail(second, "Du har fått plass: "))).contains(event.title());
        assertThat(mailTo(third, "Du har fått plass: ")).isEmpty();
        // The sign-up was the purpose: its consent ends, and the register erases the event data.
        assertThat(ledger.current(firstSubject, "events").orElseThrow().status()).isEqualTo(ConsentEventType.WITHDRAWN);
        eventually(() -> register.read(firstSubject, "events").records().isEmpty());
        assertThat(mvc.perform(get(cancel + "?done=1")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("Du er meldt av");
        // A second press changes nothing.
        mvc.perform(post(cancel).with(csrf())).andExpect(status().isFound());
        assertThat(registry.get(event.id()).waiting()).isEqualTo(1);
    }

    @Test
    void aTamperedCancelLinkIsRefused() throws Exception {
        Event event = event(5, false, false);
        String email = uniqueEmail();
        mvc.perform(form(event, "Per Lund", email)).andExpect(status().isFound());
        String cancel = link(body(awaitMail(email, "Påmeldt: ")), "/arrangementer/avmelding/");
        String tampered = cancel.substring(0, cancel.length() - 2) + (cancel.endsWith("AA") ? "BB" : "AA");
        assertThat(mvc.perform(get(tampered)).andExpect(status().isNotFound()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("id=\"link-refused\"", "Lenken virker ikke")
                .doesNotContain("Per Lund", event.title());
        mvc.perform(post(tampered).with(csrf())).andExpect(status().isNotFound());
        assertThat(registry.get(event.id()).confirmed()).isEqualTo(1);
    }

    @Test
    void withdrawingTheEventConsentFromTheReceiptCancelsTheSignUp() throws Exception {
        Event event = event(5, false, false);
        String email = uniqueEmail();
        mvc.perform(form(event, "Randi Vik", email)).andExpect(status().isFound());
        SubjectId subject = subjectOf(event, "CONFIRMED");
        ledger.withdrawReceipt(ledger.current(subject, "events").orElseThrow().receiptId(), Channel.WITHDRAWAL_LINK,
                null);
        eventually(() -> registry.get(event.id()).confirmed() == 0);
    }

    @Test
    void staffSeeTheParticipantsCheckThemInAndExportACsvThatSpreadsheetsCannotRun() throws Exception {
        Event event = event(5, false, true);
        String email = uniqueEmail();
        mvc.perform(form(event, "=HYPERLINK(\"http://x\")", email).param("company", "@Firma AS"))
                .andExpect(status().isFound());
        UUID registration = jdbc.sql("SELECT id FROM events_registration WHERE event_id = :e").param("e", event.id())
                .query(UUID.class).single();

        String page = mvc.perform(get("/console/events/" + event.id()).with(MARKETING)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(email, "Sjekk inn", "/arrangementer/" + event.id());
        mvc.perform(post("/console/events/" + event.id() + "/registrations/" + registration + "/check-in").with(csrf())
                .with(MARKETING)).andExpect(redirectedUrl("/console/events/" + event.id()));
        assertThat(registry.participants(event.id()).get(0).checkedInAt()).isNotNull();

        String csv = mvc.perform(get("/console/events/" + event.id() + "/participants.csv").with(MARKETING))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("name,email,phone,company,status,checked_in_at")
                .contains("\"'=HYPERLINK(\"\"http://x\"\")\"", "'@Firma AS", email, "CONFIRMED");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE action = 'events.participants.export' AND :e = ANY(targets)
                """).param("e", "event:" + event.id()).query(Long.class).single()).isEqualTo(1);
        mvc.perform(get("/console/events/" + event.id() + "/participants.csv").with(SALES))
                .andExpect(status().isForbidden());
    }

    @Test
    void staffCreateEventsInTheConsoleAndBadFieldsAreShown() throws Exception {
        String page = mvc.perform(post("/console/events").with(csrf()).with(MARKETING).param("title", "")
                .param("startsAt", "ikke en dato").param("place", "Oslo").param("capacity", "0"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Oppgi en gyldig tid");
        String starts = java.time.LocalDateTime.now(clock).plusDays(20).withNano(0).withSecond(0).toString();
        String location = mvc.perform(post("/console/events").with(csrf()).with(MARKETING)
                .param("title", "Kurs i Kotlin").param("startsAt", starts).param("place", "Trondheim")
                .param("capacity", "12").param("askPhone", "true")).andExpect(status().isFound()).andReturn()
                .getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/console/events/");
        Event created = registry.get(UUID.fromString(location.substring("/console/events/".length())));
        assertThat(created.capacity()).isEqualTo(12);
        assertThat(created.askPhone()).isTrue();
        assertThat(created.askCompany()).isFalse();
        assertThat(mvc.perform(get("/console/events").with(MARKETING)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("Kurs i Kotlin");
    }
}
