package no.vern.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.breach.Breach;
import no.vern.breach.BreachRegister;
import no.vern.breach.Channel;
import no.vern.breach.NewBreach;
import no.vern.consent.HoldPending;
import no.vern.consent.PendingConsents;
import no.vern.consent.PendingItem;
import no.vern.register.PersonalData;
import no.vern.requests.NewRequest;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestChannel;
import no.vern.requests.RequestKind;
import no.vern.requests.Requests;
import no.vern.shared.VernClock;
import no.vern.support.MailTestSupport;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/**
 * The console home (issue 23 item 1): one ranked "needs attention" list across modules, each line linked to the
 * action that clears it, trends over 90 days, a home of its own for each role, and the navigation grouped by task
 * (item 2).
 */
@VernTest
class ConsoleHomeTests extends MailTestSupport {

    static final RequestPostProcessor OFFICER = user("ombud").roles("PRIVACY_OFFICER");
    static final RequestPostProcessor HANDLER = user("saksbehandler").roles("CASE_HANDLER");
    static final RequestPostProcessor RECRUITER = user("rekrutterer").roles("RECRUITER");
    static final RequestPostProcessor SALES = user("selger").roles("SALES");

    @Autowired
    MockMvc mvc;
    @Autowired
    Requests requests;
    @Autowired
    BreachRegister breaches;
    @Autowired
    PendingConsents pending;
    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    String home(RequestPostProcessor who, String lang) throws Exception {
        return mvc.perform(get("/console").param("lang", lang).with(who)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** A request received so that its Art. 12(3) month ends {@code days} days from now. */
    RequestCase requestDueIn(int days) {
        Instant received = ZonedDateTime.now(clock.withZone(VernClock.ZONE)).plusDays(days).minusMonths(1).toInstant();
        return requests.receive(new NewRequest(RequestKind.ACCESS, RequestChannel.EMAIL, uniqueEmail(), received,
                Locale.forLanguageTag("nb"), null)).request();
    }

    Breach breachWithHoursLeft(long hours) {
        Instant aware = clock.instant().minus(Duration.ofHours(72 - hours));
        return breaches.report(new NewBreach("Lost laptop", "A laptop was stolen.", aware, aware, Channel.CONSOLE, null));
    }

    @Test
    void aRequestDueTomorrowIsAboveOneDueNextWeekAndAboveABreachWith60HoursLeftEachLinkedToItsAction() throws Exception {
        RequestCase nextWeek = requestDueIn(7);
        Breach breach = breachWithHoursLeft(60);
        RequestCase tomorrow = requestDueIn(1);

        String page = home(OFFICER, "nb");

        int tomorrowAt = page.indexOf("href=\"/console/requests/" + tomorrow.id() + "\"");
        int nextWeekAt = page.indexOf("href=\"/console/requests/" + nextWeek.id() + "\"");
        int breachAt = page.indexOf("href=\"/console/breach/" + breach.id() + "\"");
        assertThat(tomorrowAt).isPositive().isLessThan(nextWeekAt).isLessThan(breachAt);
        // Each line's link is its action: a new request's identity is verified first, a new breach is assessed.
        assertThat(page.substring(tomorrowAt, page.indexOf("</a>", tomorrowAt))).contains("Bekreft identiteten");
        assertThat(page.substring(breachAt, page.indexOf("</a>", breachAt))).contains("Vurder risikoen");
        assertThat(page).contains("Avvik " + breach.receipt() + ": 72-timersfristen løper", "Innsynskrav, sak "
                + tomorrow.id().toString().substring(0, 8));
    }

    @Test
    void aBreachWith20HoursLeftIsAmberAndWith10HoursLeftRedOnTheHome() throws Exception {
        clock.freeze();
        Breach amber = breachWithHoursLeft(20);
        Breach red = breachWithHoursLeft(10);

        String page = home(OFFICER, "en");

        // Awareness is stored to the minute, so "20 hours left" may read 19 h and some minutes.
        assertThat(lineOf(page, "/console/breach/" + amber.id())).contains("countdown-amber").containsPattern("<strong>(19|20) h left</strong>");
        assertThat(lineOf(page, "/console/breach/" + red.id())).contains("countdown-red").containsPattern("<strong>(9|10) h left</strong>");
    }

    /** The {@code <li>} of the attention list that links to the path. */
    static String lineOf(String page, String path) {
        int link = page.indexOf("href=\"" + path + "\"", page.indexOf("id=\"attention\""));
        assertThat(link).isPositive();
        int start = page.lastIndexOf("<li", link);
        return page.substring(start, link);
    }

    @Test
    void recruitersSeeCandidatesWaitingForConsentAndWhenTheyAreDeletedNotOfficersWork() throws Exception {
        PendingItem held = pending.hold(new HoldPending("recruitment", Locale.forLanguageTag("nb"),
                new PersonalData("Kari Søker", uniqueEmail(), null, null, null, null, null, null), null, null));

        String page = home(RECRUITER, "nb");

        assertThat(page).contains("Kandidater som venter på samtykke og slettes uten det: ", "href=\"/console/consent/pending\"",
                "Se hvem som venter").doesNotContain("Ingenting å vise ennå", "/console/breach/", "/console/requests/");
        assertThat(lineOf(page, "/console/consent/pending")).contains("data-source=\"consent\"");
        assertThat(held.expiresAt()).isAfter(clock.instant());
    }

    @Test
    void salesSeeProspectsWaitingForConsent() throws Exception {
        pending.hold(new HoldPending("prospect-dialogue", Locale.forLanguageTag("nb"),
                PersonalData.contact("Ola Kunde", uniqueEmail(), null), null, null));

        String page = home(SALES, "nb");

        assertThat(page).contains("Mulige kunder som venter på samtykke og slettes uten det: ", "Se hvem som venter")
                .doesNotContain("Ingenting å vise ennå", "Kandidater som venter");
    }

    @Test
    void theOfficerSeesNinetyDayTrendsWithTheRunningDayMarked() throws Exception {
        requestDueIn(20);

        String page = home(OFFICER, "nb");

        assertThat(page).contains("data-trend=\"requests-received\"", "data-trend=\"breaches-reported\"",
                "data-trend=\"consents-withdrawn\"", "Siste 90 dager", "class=\"spark-today\"", "i dag så langt: ");
    }

    @Test
    void theNavigationIsGroupedByTaskAndShowsOnlyTheGroupsARoleMayOpen() throws Exception {
        String officer = home(OFFICER, "nb");
        assertThat(officer).contains("<summary>Personer</summary>", "<summary>Henvendelser</summary>",
                "<summary>Samtykke og utsendelser</summary>", "<summary>Risiko og avvik</summary>",
                "<summary>Dokumentasjon</summary>", "<summary>Administrasjon</summary>");

        String handler = home(HANDLER, "en");
        assertThat(handler).contains("<summary>Requests</summary>").doesNotContain("<summary>Administration</summary>");
    }
}
