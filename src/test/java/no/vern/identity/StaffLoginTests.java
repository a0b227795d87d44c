package no.vern.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.support.Canaries;
import no.vern.support.Tokens;
import no.vern.support.TestClock;
import no.vern.support.SessionCookies;
import no.vern.support.VernTest;

/** Staff login: success, failure, the progressive delay, token budgets, CSRF and logout (ASVS V6/V7). */
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
    @Autowired
    ApiTokens tokens;

    private final RequestPostProcessor fromOwnIp = fromIp("10.1.0." + IPS.incrementAndGet());

    @BeforeEach
    void freezeClock() {
        // The delays under test are a few seconds: the clock stands still so a slow run cannot outlast them.
        clock.freeze();
    }

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
    void theSixthWrongPasswordDelaysButTheRightOneSucceedsOnceTheDelayHasPassed() throws Exception {
        // Issue 24, item 4: no hard lock that anyone could trigger; a progressive delay instead.
        StaffAccount kari = newUser(Role.SALES);
        for (int i = 0; i < 6; i++) {
            mvc.perform(login(kari.username(), "feil-passord-" + i, fromOwnIp))
                    .andExpect(redirectedUrl("/login?error"));
        }

        // Straight after the sixth failure even the right password is held back, unchecked: the login page again.
        mvc.perform(login(kari.username(), PASSWORD, fromOwnIp))
                .andExpect(forwardedUrl("/login/wait"))
                .andExpect(request().attribute("vern.login.waitSeconds", 1L));
        assertThat(auditCount("identity.login.succeeded", kari.id())).isZero();

        clock.advance(Duration.ofSeconds(1));
        mvc.perform(login(kari.username(), PASSWORD, fromOwnIp))
                .andExpect(redirectedUrl("/console"));
        assertThat(auditCount("identity.login.failed", kari.id())).isEqualTo(6);
    }

    @Test
    void eachFurtherFailureDoublesTheWaitUpToOneMinuteAndNoFailureLocksTheAccountForLonger() throws Exception {
        StaffAccount kari = newUser(Role.SALES);
        long[] expected = { 1, 2, 4, 8, 16, 32, 60, 60 };
        for (int i = 0; i < 5; i++) {
            mvc.perform(login(kari.username(), "feil-" + i, fromIp("10.5.0." + i)));
        }
        for (long wait : expected) {
            mvc.perform(login(kari.username(), "feil", fromIp("10.5.1." + wait))).andExpect(redirectedUrl("/login?error"));
            assertThat(accounts.find(kari.id()).orElseThrow().loginDelayedUntil())
                    .isEqualTo(clock.instant().plusSeconds(wait)); // the clock stands still (freezeClock)
            clock.advance(Duration.ofSeconds(wait));
        }

        // After the longest wait the right password works, from any address: the account was never locked.
        mvc.perform(login(kari.username(), PASSWORD, fromIp("10.5.2.1"))).andExpect(redirectedUrl("/console"));
    }

    @Test
    void attemptsWhileTheAccountWaitsAreNotCheckedAndDoNotLengthenTheWait() throws Exception {
        StaffAccount kari = newUser(Role.SALES);
        for (int i = 0; i < 9; i++) { // the ninth failure: a wait of 8 s
            if (i > 0) {
                clock.advance(Duration.ofSeconds(10));
            }
            mvc.perform(login(kari.username(), "feil-" + i, fromIp("10.6.0." + i))).andExpect(redirectedUrl("/login?error"));
        }
        for (int i = 0; i < 20; i++) {
            mvc.perform(login(kari.username(), "gjetning-" + i, fromIp("10.6.1." + i)))
                    .andExpect(forwardedUrl("/login/wait"));
        }
        assertThat(auditCount("identity.login.failed", kari.id())).isEqualTo(9);

        clock.advance(Duration.ofSeconds(8));
        mvc.perform(login(kari.username(), PASSWORD, fromIp("10.6.2.1"))).andExpect(redirectedUrl("/console"));
    }

    @Test
    void anUnknownUsernameIsDelayedExactlyLikeAKnownOne() throws Exception {
        // The delay must not tell which accounts exist.
        StaffAccount kari = newUser(Role.SALES);
        String unknown = "ukjent-" + UUID.randomUUID().toString().substring(0, 8);
        for (String name : new String[] { kari.username(), unknown }) {
            for (int i = 0; i < 6; i++) {
                mvc.perform(login(name, "x-" + i, fromIp("10.3.0." + i))).andExpect(redirectedUrl("/login?error"));
            }
            mvc.perform(login(name, "x", fromIp("10.3.1.1")))
                    .andExpect(forwardedUrl("/login/wait"))
                    .andExpect(request().attribute("vern.login.waitSeconds", 1L));
        }
    }

    @Test
    void manyFailuresFromOneIpDelayThatIpButNotAnother() throws Exception {
        RequestPostProcessor ip = fromIp("10.4.0.1");
        for (int i = 0; i < 21; i++) { // twenty are free per IP; the 21st makes it wait
            mvc.perform(login("ukjent" + i, "x", ip)).andExpect(redirectedUrl("/login?error"));
        }

        StaffAccount kari = newUser(Role.SALES);
        mvc.perform(login(kari.username(), PASSWORD, ip)).andExpect(forwardedUrl("/login/wait"));
        mvc.perform(login(kari.username(), PASSWORD, fromIp("10.4.0.2"))).andExpect(redirectedUrl("/console"));
    }

    @Test
    void thirtyFailedLoginsFromOneIpLeaveAValidTokenWorking() throws Exception {
        // Issue 24, done-when: failed logins never block valid bearer tokens.
        String token = Tokens.bearer(tokens, ApiScope.AUDIT_READ);
        RequestPostProcessor ip = fromIp("10.7.0.1");
        for (int i = 0; i < 30; i++) {
            mvc.perform(login("ukjent-" + i, "x", ip));
        }

        mvc.perform(get("/api/v1/me").header("Authorization", token).with(ip)).andExpect(status().isOk());
    }

    @Test
    void badTokensNeitherUseTheLoginBudgetNorBlockAValidToken() throws Exception {
        String token = Tokens.bearer(tokens, ApiScope.AUDIT_READ);
        RequestPostProcessor ip = fromIp("10.8.0.1");
        for (int i = 0; i < 30; i++) {
            mvc.perform(get("/api/v1/me").header("Authorization", "Bearer wrong-" + i).with(ip))
                    .andExpect(status().isUnauthorized());
        }
        // The IP's budget of bad tokens is used up: the next bad one gets 429 with Retry-After ...
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer wrong").with(ip))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"));
        // ... but a valid token from there still works, and so does a login: the two budgets are apart.
        mvc.perform(get("/api/v1/me").header("Authorization", token).with(ip)).andExpect(status().isOk());
        StaffAccount kari = newUser(Role.SALES);
        mvc.perform(login(kari.username(), PASSWORD, ip)).andExpect(redirectedUrl("/console"));
    }

    @Test
    void theHeldBackAttemptIsAnsweredWithTheFormKeepingTheUsernameAndTheWaitInTheChosenLanguage() throws Exception {
        mvc.perform(post("/login/wait").with(csrf()).param("username", "kari.nordmann").param("password", "x")
                .requestAttr("vern.login.waitSeconds", 7L).cookie(new Cookie("VERN_LANG", "en")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "7"))
                .andExpect(content().string(containsString("value=\"kari.nordmann\"")))
                .andExpect(content().string(containsString("Try again in 7 seconds.")))
                .andExpect(content().string(not(containsString("value=\"x\""))));
        mvc.perform(post("/login/wait").with(csrf()).param("username", "kari.nordmann")
                .requestAttr("vern.login.waitSeconds", 7L).cookie(new Cookie("VERN_LANG", "nb")))
                .andExpect(content().string(containsString("Prøv igjen om 7 sekunder.")));
        // Posted straight to, without a held-back attempt, it is just the way back to the login page.
        mvc.perform(post("/login/wait").with(csrf())).andExpect(redirectedUrl("/login"));
    }

    @Test
    void thePrivacyOfficerCanLiftAnAccountsDelay() throws Exception {
        StaffAccount kari = newUser(Role.SALES);
        for (int i = 0; i < 7; i++) {
            mvc.perform(login(kari.username(), "feil-" + i, fromIp("10.9.0." + i)));
        }
        assertThat(accounts.find(kari.id()).orElseThrow().delayedAt(clock.instant())).isTrue();

        accounts.unlock(kari.id());

        assertThat(accounts.find(kari.id()).orElseThrow().delayedAt(clock.instant())).isFalse();
        mvc.perform(login(kari.username(), PASSWORD, fromIp("10.9.1.1"))).andExpect(redirectedUrl("/console"));
        assertThat(auditCount("identity.user.unlocked", kari.id())).isEqualTo(1);
    }

    @Test
    void theSavedPageIsReturnedToAfterTheLoginWithoutTheHostHeaderOfTheFirstRequest() throws Exception {
        // Issue 24: "Host: evil.example" never reaches a Location, also not through the page saved before the login.
        StaffAccount kari = newUser(Role.AUDITOR);
        RequestPostProcessor evil = r -> {
            r.setServerName("evil.example");
            r.addHeader("Host", "evil.example");
            return r;
        };
        var first = mvc.perform(get("/console/audit").with(evil)).andReturn().getResponse();
        assertThat(first.getRedirectedUrl()).isEqualTo("/login");
        Cookie session = SessionCookies.from(first);

        String location = mvc.perform(login(kari.username(), PASSWORD, fromOwnIp).cookie(session).with(evil))
                .andReturn().getResponse().getRedirectedUrl();

        assertThat(location).isEqualTo("/console/audit").doesNotContain("evil.example");
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
