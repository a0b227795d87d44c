package no.vern.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.identity.Role;
import no.vern.identity.StaffAccount;
import no.vern.identity.StaffAccounts;
import no.vern.support.Browser;
import no.vern.support.TestClock;

/**
 * Staff sign in through the company's identity provider (a mock-oauth2-server on loopback) in Chromium: the role
 * comes from a group claim, a person taken out of the group has no role at the next sign-in, a domain that is not
 * allowed gets no account, logout ends the Vern session and the provider's (RP-initiated), and a login ends after
 * the session lifetime cap. Screenshots in {@code target/screenshots/sso-*.png}.
 */
class SingleSignOnBrowserTests extends SsoTestSupport {

    @LocalServerPort
    int port;
    @Autowired
    StaffAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Browser.available(), "chromium and chromium-driver are not installed");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void groupClaimGivesTheRoleAndASignInAfterTheGroupWasRemovedHasNoRole() {
        String subject = "sub-" + UUID.randomUUID();
        String email = "kari." + subject.substring(4, 12) + "@fjellvik.example";
        try (Browser browser = Browser.start("http://localhost:" + port)) {
            nextSignIn(subject, Map.of("email", email, "groups", List.of("vern-saksbehandling", "alle-ansatte")));
            browser.open("/login");
            assertThat(browser.find("#sso-test").getText()).isEqualTo("Logg inn med Fjellvik ID");
            browser.screenshot("sso-login-nb");
            browser.click("#sso-test");

            assertThat(browser.path()).isEqualTo("/console");
            StaffAccount account = accountOf(subject).orElseThrow();
            assertThat(account.roles()).containsExactly(Role.CASE_HANDLER);
            assertThat(account.username()).isEqualTo(email.substring(0, email.indexOf('@')));
            assertThat(account.signInProvider()).isEqualTo(PROVIDER);
            assertThat(account.lastLoginProvider()).isEqualTo(PROVIDER);
            assertThat(account.lastLoginAt()).isNotNull();
            assertThat(audited("identity.login.succeeded", account.id())).isEqualTo(1);
            assertThat(auditPayloadsMention(email)).isZero();

            // Logout ends the Vern session, then the provider's, and comes back to the login page.
            browser.click("form[action$='/logout'] button");
            assertThat(browser.path()).isEqualTo("/login?logout");
            assertThat(sessionsOf(account.username())).isZero();
            browser.open("/console");
            assertThat(browser.path()).isEqualTo("/login");

            // Taken out of the group at the provider: the next sign-in has no role, and the page says so.
            nextSignIn(subject, Map.of("email", email, "groups", List.of("alle-ansatte")));
            browser.click("#sso-test");
            assertThat(browser.path()).isEqualTo("/login?sso=no-role");
            assertThat(browser.find("#sso-refused").getText()).contains("gir ingen rolle i Vern");
            browser.screenshot("sso-no-role-nb");
            assertThat(accounts.find(account.id()).orElseThrow().roles()).isEmpty();
            assertThat(audited("identity.login.refused.no-role", account.id())).isEqualTo(1);
            browser.open("/console");
            assertThat(browser.path()).isEqualTo("/login");
        }
    }

    @Test
    void aDomainThatIsNotAllowedIsRefusedAndGetsNoAccount() {
        String subject = "sub-" + UUID.randomUUID();
        try (Browser browser = Browser.start("http://localhost:" + port)) {
            nextSignIn(subject, Map.of("email", "ola@annet-firma.example", "groups", List.of("vern-personvern")));
            browser.open("/login?lang=en").click("#sso-test");

            assertThat(browser.path()).isEqualTo("/login?sso=domain");
            assertThat(browser.find("#sso-refused").getText())
                    .isEqualTo("Sign-in refused: people of your e-mail domain do not get a Vern account. "
                            + "Ask the privacy officer if you need access.");
            browser.screenshot("sso-domain-refused-en");
            assertThat(accountOf(subject)).isEmpty();
            browser.open("/console");
            assertThat(browser.path()).isEqualTo("/login");
        }
    }

    @Test
    void aLoginEndsAfterTheSessionLifetimeCapHoweverActive() {
        String subject = "sub-" + UUID.randomUUID();
        String email = "per." + subject.substring(4, 12) + "@fjellvik.example";
        try (Browser browser = Browser.start("http://localhost:" + port)) {
            nextSignIn(subject, Map.of("email", email, "groups", List.of("vern-personvern")));
            browser.open("/login").click("#sso-test");
            assertThat(browser.path()).isEqualTo("/console");
            clock.advance(Duration.ofHours(7));
            browser.open("/console");
            assertThat(browser.path()).isEqualTo("/console");

            clock.advance(Duration.ofHours(1).plusMinutes(1));
            browser.open("/console");
            assertThat(browser.path()).isEqualTo("/login?expired");
            assertThat(browser.find("#login-expired").getText()).contains("Logg inn på nytt");
        }
    }

    private Optional<StaffAccount> accountOf(String subject) {
        return jdbc.sql("SELECT id FROM identity_staff_user WHERE sign_in_provider = :p AND idp_subject = :s")
                .param("p", PROVIDER).param("s", subject).query((rs, n) -> rs.getObject(1, UUID.class)).optional()
                .flatMap(accounts::find);
    }

    private long audited(String action, UUID user) {
        return jdbc.sql("""
                SELECT count(*) FROM audit_entry
                 WHERE action = :action AND :user = ANY(targets) AND 'provider:test' = ANY(targets)
                """).param("action", action).param("user", "user:" + user).query(Long.class).single();
    }

    private long auditPayloadsMention(String text) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE array_to_string(targets, ' ') LIKE :t OR actor LIKE :t")
                .param("t", "%" + text + "%").query(Long.class).single();
    }

    private long sessionsOf(String username) {
        return jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :u").param("u", username)
                .query(Long.class).single();
    }
}
