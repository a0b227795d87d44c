package no.vern.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import no.vern.identity.Role;
import no.vern.identity.StaffAccounts;
import no.vern.support.Browser;

/**
 * The console as the privacy officer uses it in Chromium: login, dashboard, language switch that
 * is remembered, user administration with field errors that keep the input, token issue and
 * revoke, logout. Screenshots in {@code target/screenshots/console-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBrowserTests {

    private static final String OFFICER = "konsoll-ombud";
    private static final String PASSWORD = "fjell-og-fjord-i-konsollen";

    @LocalServerPort
    int port;
    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Browser.available(), "chromium and chromium-driver are not installed");
    }

    @Test
    void privacyOfficerManagesUsersAndTokensInBothLanguages() {
        if (accounts.list().stream().noneMatch(a -> a.username().equals(OFFICER))) {
            accounts.create(OFFICER, PASSWORD, Set.of(Role.PRIVACY_OFFICER));
        }
        try (Browser browser = Browser.start("http://localhost:" + port)) {
            browser.open("/console");
            assertThat(browser.path()).isEqualTo("/login");
            browser.screenshot("console-login");
            browser.login(OFFICER, PASSWORD);
            assertThat(browser.path()).isEqualTo("/console");
            assertThat(browser.find("h1").getText()).isEqualTo("Oversikt");
            browser.screenshot("console-dashboard-nb");

            browser.click("a[lang=en]");
            assertThat(browser.find("h1").getText()).isEqualTo("Dashboard");
            browser.open("/console/identity/users");
            assertThat(browser.find("h1").getText()).isEqualTo("Staff users");

            browser.type("#username", "ny-saksbehandler").type("#password", "kort")
                    .click("form[action$='/console/identity/users'] button[type=submit]");
            assertThat(browser.text()).contains("must be 12 to 200 characters", "at least one role is required");
            assertThat(browser.find("#username").getAttribute("value")).isEqualTo("ny-saksbehandler");
            browser.screenshot("console-users-errors-en");

            browser.type("#password", "et-langt-nok-passord").click("input[name=roles][value=CASE_HANDLER]")
                    .click("form[action$='/console/identity/users'] button[type=submit]");
            assertThat(browser.find("h1").getText()).isEqualTo("ny-saksbehandler");
            assertThat(browser.text()).contains("The user has been created.");
            browser.screenshot("console-user-detail-en");

            browser.open("/console/identity/tokens").type("#name", "CRM")
                    .click("input[name=scopes][value=SUBJECTS_READ]")
                    .click("form[action$='/console/identity/tokens'] button[type=submit]");
            String secret = browser.find("#issued-secret").getText();
            assertThat(secret).startsWith("vern_").hasSizeGreaterThan(40);
            browser.screenshot("console-token-issued-en");
            browser.open("/console/identity/tokens");
            assertThat(browser.text()).doesNotContain(secret);

            browser.open("/console?lang=nb");
            assertThat(browser.find("h1").getText()).isEqualTo("Oversikt");
            browser.click("form[action$='/logout'] button");
            assertThat(browser.path()).isEqualTo("/login?logout");
            assertThat(browser.text()).contains("Du er logget ut.");
            browser.open("/console");
            assertThat(browser.path()).isEqualTo("/login");
        }
    }
}
