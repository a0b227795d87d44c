package no.vern.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.support.Canaries;
import no.vern.support.TestClock;
import no.vern.support.SessionCookies;
import no.vern.support.VernTest;

/** Staff login: success, failure, lockout, rate limits, CSRF and logout (ASVS V6/V7). */
@VernTest
class StaffLoginTests {

    private static final String PASSWORD = "korrekt-hest-batteri-stift";
    private static final AtomicInteger IPS = new AtomicInteger(10);

    @Autowired
    MockMvc mvc;
    @Autowired
    StaffAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    private final RequestPostProcessor fromOwnIp = fromIp("10.1.0." + IPS.incrementAndGet());

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void correctPasswordLogsInRedirectsToConsoleAndIsAudited() throws Exception {
        StaffAccount kari = newUser(Role.CASE_HANDLER);

        mvc.perform(login(kari.username(), PASSWORD, fromOwnIp))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/console"));

        assertThat(auditCount("identity.login.succeeded", kari.id())).isEqualTo(1);
        assertThat(accounts.find(kari.id()).orElseThrow().lastLoginAt()).isNotNull();
    }

    @Test
    void wrongPasswordIsRefusedAndAudited() throws Exception {
        StaffAccount kari = newUser(Role.SALES);

        mvc.perform(login(kari.username(), "feil-passord-123", fromOwnIp))
                .andExpect(redirectedUrl("/login?error"));

        assertThat(auditCount("identity.login.failed", kari.id())).isEqualTo(1);
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPassword() throws Exception {
        StaffAccount kari = newUser(Role.SALES);
        for (int i = 0; i < 5; i++) {
            mvc.perform(login(kari.username(), "feil-passord-" + i, fromOwnIp))
                    .andExpect(redirectedUrl("/login?error"));
        }

        mvc.perform(login(kari.username(), PASSWORD, fromOwnIp))
                .andExpect(redirectedUrl("/login?error"));

        assertThat(accounts.find(kari.id()).orElseThrow().lockedAt(clock.instant())).isTrue();
        assertThat(auditCount("identity.account.locked", kari.id())).isEqualTo(1);
        assertThat(auditCount("identity.login.refused-locked", kari.id())).isEqualTo(1);
    }

    @Test
    void lockoutEndsByItselfAfterFifteenMinutes() throws Exception {
        StaffAccount kari = newUser(Role.SALES);
        for (int i = 0; i < 5; i++) {
            mvc.perform(login(kari.username(), "feil-passord-" + i, fromOwnIp));
        }

        clock.advance(Duration.ofMinutes(16));

        mvc.perform(login(kari.username(), PASSWORD, fromIp("10.2.0.1")))
                .andExpect(redirectedUrl("/console"));
    }

    @Test
    void manyFailuresForOneAccountAreRateLimitedBeforeThePasswordIsChecked() throws Exception {
        String unknown = "ukjent-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 10; i++) {
            mvc.perform(login(unknown, "x-" + i, fromIp("10.3.0." + i)))
                    .andExpect(redirectedUrl("/login?error"));
        }

        mvc.perform(login(unknown, "x", fromIp("10.3.1.1")))
                .andExpect(redirectedUrl("/login?limited"));
    }

    @Test
    void manyFailuresFromOneIpAreRateLimited() throws Exception {
        RequestPostProcessor ip = fromIp("10.4.0.1");
        for (int i = 0; i < 30; i++) {
            mvc.perform(login("ukjent" + i, "x", ip));
        }

        StaffAccount kari = newUser(Role.SALES);
        mvc.perform(login(kari.username(), PASSWORD, ip))
                .andExpect(redirectedUrl("/login?limited"));
    }

    @Test
    void anEmailTypedAsUsernameIsNeverLogged() throws Exception {
        // Rule 1: what a person types into the login form is personal data; the canary check of
        // this class fails if it reaches a log line.
        mvc.perform(login(Canaries.EMAIL, Canaries.PHONE, fromOwnIp))
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void loginWithoutCsrfTokenIsRejected() throws Exception {
        StaffAccount kari = newUser(Role.SALES);
        mvc.perform(post("/login").param("username", kari.username()).param("password", PASSWORD).with(fromOwnIp))
                .andExpect(status().isForbidden());
    }

    @Test
    void consoleFormWithoutCsrfTokenIsRejected() throws Exception {
        mvc.perform(post("/console/identity/users").param("username", "ny-bruker").param("password", PASSWORD)
                .param("roles", "SALES").with(user("admin").roles("PRIVACY_OFFICER")))
                .andExpect(status().isForbidden());
        assertThat(accounts.list()).noneMatch(a -> a.username().equals("ny-bruker"));
    }

    @Test
    void consoleRequiresLoginAndLogoutEndsTheSession() throws Exception {
        mvc.perform(get("/console")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        StaffAccount kari = newUser(Role.AUDITOR);
        Cookie session = SessionCookies.from(mvc.perform(login(kari.username(), PASSWORD, fromOwnIp)).andReturn()
                .getResponse());
        mvc.perform(get("/console").cookie(session)).andExpect(status().isOk());

        mvc.perform(post("/logout").with(csrf()).cookie(session)).andExpect(redirectedUrl("/login?logout"));

        mvc.perform(get("/console").cookie(session)).andExpect(redirectedUrl("/login"));
    }

    @Test
    void disablingAnAccountEndsItsOpenSessions() throws Exception {
        StaffAccount kari = newUser(Role.AUDITOR);
        Cookie session = SessionCookies.from(mvc.perform(login(kari.username(), PASSWORD, fromOwnIp)).andReturn()
                .getResponse());
        mvc.perform(get("/console").cookie(session)).andExpect(status().isOk());

        accounts.setEnabled(kari.id(), false);

        mvc.perform(get("/console").cookie(session)).andExpect(redirectedUrl("/login"));
    }

    @Test
    void disabledAccountCannotLogIn() throws Exception {
        StaffAccount kari = newUser(Role.SALES);
        accounts.setEnabled(kari.id(), false);

        mvc.perform(login(kari.username(), PASSWORD, fromOwnIp))
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        StaffAccount kari = newUser(Role.SALES);
        String hash = jdbc.sql("SELECT password_hash FROM identity_staff_user WHERE id = :id").param("id", kari.id())
                .query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
    }

    private StaffAccount newUser(Role role) {
        return accounts.create("u" + UUID.randomUUID().toString().substring(0, 12), PASSWORD, Set.of(role));
    }

    private long auditCount(String action, UUID userId) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = :action AND :target = ANY(targets)")
                .param("action", action).param("target", "user:" + userId).query(Long.class).single();
    }

    static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder login(String username,
            String password, RequestPostProcessor ip) {
        return post("/login").param("username", username).param("password", password).with(csrf()).with(ip);
    }

    static RequestPostProcessor fromIp(String ip) {
        return request -> {
            request.setRemoteAddr(ip);
            return request;
        };
    }
}
