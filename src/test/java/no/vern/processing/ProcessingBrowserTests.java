package no.vern.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import no.vern.identity.Role;
import no.vern.identity.StaffAccounts;
import no.vern.support.Browser;

/** The policy pages and the record pages in a real browser, with screenshots under target/screenshots. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ProcessingBrowserTests {

    static final String USER = "browser-officer";
    static final String PASSWORD = "a-long-browser-password";

    @LocalServerPort
    int port;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    ProcessingRecord record;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Browser.available(), "chromium and chromium-driver are not installed");
    }

    String base() {
        return "http://localhost:" + port;
    }

    @Test
    void publishedPolicyIsReadableInBothLanguagesOnDesktopAndPhone() {
        try (Browser browser = Browser.start(base())) {
            browser.open("/personvern");
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo("nb");
            assertThat(browser.find("h1").getText()).isEqualTo("Personvernerklæring for Fjellvik Rådgivning AS");
            assertThat(browser.text()).contains("Dine rettigheter", "Informasjonskapsler", "Sikkerhetsbrudd",
                    "versjon " + record.current().version() + " av behandlingsprotokollen");
            browser.screenshot("processing-policy-nb");

            browser.click("a[lang=en]");
            assertThat(browser.path()).isEqualTo("/privacy");
            assertThat(browser.find("html").getAttribute("lang")).isEqualTo("en");
            assertThat(browser.text()).contains("Your rights", "Cookies", "Security breaches");
            browser.screenshot("processing-policy-en");

            // The privacy center (a later issue) is linked from the rights section.
            assertThat(browser.find("#rights-how a").getAttribute("href")).endsWith("/privacy/rights");
        }
        try (Browser phone = Browser.start(base(), 390, 844)) {
            phone.open("/personvern");
            Number scrollWidth = (Number) ((org.openqa.selenium.JavascriptExecutor) phone.driver())
                    .executeScript("return document.documentElement.scrollWidth");
            assertThat(scrollWidth.intValue()).isLessThanOrEqualTo(390);
            phone.screenshot("processing-policy-nb-phone");
        }
    }

    @Test
    void privacyOfficerEditsAnActivityAndSeesTheDiff() {
        if (accounts.list().stream().noneMatch(a -> a.username().equals(USER))) {
            accounts.create(USER, PASSWORD, Set.of(Role.PRIVACY_OFFICER));
        }
        int before = record.current().version();
        try (Browser browser = Browser.start(base())) {
            browser.login(USER, PASSWORD).open("/console/processing");
            assertThat(browser.find("h1").getText()).isEqualTo("Behandlingsprotokoll");
            assertThat(browser.text()).contains("Kundeadministrasjon og fakturering", "Ingen mangler funnet.");
            browser.screenshot("processing-console-overview");

            browser.click("a[href='/console/processing/activities/newsletters']");
            assertThat(browser.text()).contains("Nyhetsbrev og invitasjoner (samtykke)", "Samtykke");
            browser.screenshot("processing-console-activity");

            browser.click("a[href='/console/processing/activities/newsletters/edit']");
            browser.type("#purposes0\\.retentionPeriod", "P3Y")
                    .type("#changeNote", "Newsletter contacts kept at most three years");
            browser.screenshot("processing-console-edit");
            browser.click("main form button[type=submit]");
            assertThat(browser.path()).isEqualTo("/console/processing/activities/newsletters");
            assertThat(browser.text()).contains("Lagret som versjon " + (before + 1), "høyst 3 år");

            browser.open("/console/processing/versions");
            browser.screenshot("processing-console-versions");
            browser.click("form.filters button[type=submit]");
            assertThat(browser.text()).contains("Forskjeller mellom versjon " + before + " og " + (before + 1),
                    "activities[newsletters].purposes[newsletter].retention.period", "P3Y");
            browser.screenshot("processing-console-diff");

            // The policy is generated from the new version; its retention is what the retention rules enforce (the
            // record's declared period is the Art. 30 entry shown above), so it never states a period nothing enforces.
            browser.open("/personvern");
            assertThat(browser.text()).contains("versjon " + (before + 1) + " av behandlingsprotokollen",
                    "Nyhetsbrev og invitasjoner (samtykke): Navn, E-postadresse:").doesNotContain("Lagringstid er ikke fastsatt");
        }
    }
}
