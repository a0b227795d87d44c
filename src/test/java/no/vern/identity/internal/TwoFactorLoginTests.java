package no.vern.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import jakarta.servlet.http.Cookie;
import no.vern.identity.Role;
import no.vern.identity.StaffAccount;
import no.vern.identity.StaffAccounts;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/**
 * The optional second factor for staff (issue 24, item 4; RFC 6238): enrolment shows the secret once and takes
 * effect only after a code, the login asks for the code after the password and the password alone opens nothing,
 * a code is accepted once, switching off needs a current code or the privacy officer's audited reset, and the
 * code step is under the same delay as the password.
 */
@VernTest
class TwoFactorLoginTests {

    private static final String PASSWORD = "korrekt-hest-batteri-stift";
    private static final AtomicInteger IPS = new AtomicInteger(10);
    private static final Pattern BASE32 = Pattern.compile("secret=([A-Z2-7]+)&");

    @Autowired
    MockMvc mvc;
    @Autowired
    StaffAccounts accounts;
    @Autowired
    TotpSecrets secrets;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    private final String ip = "10.20." + IPS.incrementAndGet() + ".1";

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
    void enrolmentShowsTheSecretOnceStoresItEncryptedAndSwitchesOnOnlyAfterACode() throws Exception {
        StaffAccount kari = newUser();
        Cookie session = loginWithPassword(kari);

        MockHttpServletResponse start = mvc.perform(with(post("/console/identity/two-factor/start"), session)).andReturn()
                .getResponse();
        assertThat(start.getStatus()).isEqualTo(200);
        assertThat(start.getHeader("Cache-Control")).contains("no-store");
        byte[] secret = secretOf(start.getContentAsString());
        assertThat(start.getContentAsString()).contains("otpauth://totp/Vern:" + kari.username() + "?secret=");
        assertThat(secrets.enabled(kari.id())).isFalse();

        // Shown once: the page afterwards does not carry it, and the row holds only ciphertext.
        String page = mvc.perform(with(get("/console/identity/two-factor"), session)).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).doesNotContain(Totp.base32(secret)).doesNotContain("otpauth://");
        byte[] stored = jdbc.sql("SELECT secret FROM identity_staff_totp WHERE user_id = :id").param("id", kari.id())
                .query((rs, n) -> rs.getBytes(1)).single();
        assertThat(indexOf(stored, secret)).isNegative();

        mvc.perform(with(post("/console/identity/two-factor/confirm").param("code", wrong(secret)), session));
        assertThat(secrets.enabled(kari.id())).isFalse();
        mvc.perform(with(post("/console/identity/two-factor/confirm").param("code", code(secret)), session));
        assertThat(secrets.enabled(kari.id())).isTrue();
        assertThat(accounts.find(kari.id()).orElseThrow().twoFactor()).isTrue();
        assertThat(audits("identity.two-factor.enabled", kari.id(), "SUCCESS")).isEqualTo(1);
        assertThat(audits("identity.two-factor.enabled", kari.id(), "DENIED")).isEqualTo(1);
    }

    @Test
    void theLoginAsksForTheCodeAfterThePasswordAndThePasswordAloneOpensNothing() throws Exception {
        StaffAccount kari = newUser();
        byte[] secret = enrolled(kari);

        MockHttpServletResponse password = mvc.perform(login(kari)).andReturn().getResponse();
        assertThat(password.getRedirectedUrl()).isEqualTo("/login/code");
        Cookie session = cookie(password, null);
        assertThat(mvc.perform(with(get("/console"), session)).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/login");
        assertThat(mvc.perform(with(get("/login/code"), session)).andReturn().getResponse().getStatus()).isEqualTo(200);

        MockHttpServletResponse wrong = mvc.perform(with(post("/login/code").param("code", wrong(secret)), session))
                .andReturn().getResponse();
        assertThat(wrong.getRedirectedUrl()).isEqualTo("/login/code?error");
        assertThat(mvc.perform(with(get("/console"), session)).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/login");

        MockHttpServletResponse right = mvc.perform(with(post("/login/code").param("code", code(secret)), session))
                .andReturn().getResponse();
        assertThat(right.getRedirectedUrl()).isEqualTo("/console");
        session = cookie(right, session);
        assertThat(mvc.perform(with(get("/console"), session)).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(audits("identity.login.code-failed", kari.id(), "DENIED")).isEqualTo(1);
        assertThat(audits("identity.login.succeeded", kari.id(), "SUCCESS")).isEqualTo(1);
    }

    @Test
    void aCodeIsAcceptedOnceAndNotAgainWithinItsWindow() throws Exception {
        StaffAccount kari = newUser();
        byte[] secret = enrolled(kari);
        String code = code(secret);

        Cookie first = cookie(mvc.perform(login(kari)).andReturn().getResponse(), null);
        assertThat(mvc.perform(with(post("/login/code").param("code", code), first)).andReturn().getResponse()
                .getRedirectedUrl()).isEqualTo("/console");

        clock.advance(Duration.ofSeconds(20)); // still the same or the next step: the code would otherwise match
        Cookie second = cookie(mvc.perform(login(kari)).andReturn().getResponse(), null);
        assertThat(mvc.perform(with(post("/login/code").param("code", code), second)).andReturn().getResponse()
                .getRedirectedUrl()).isEqualTo("/login/code?error");
    }

    @Test
    void withoutAPasswordStepTheCodePageLeadsBackToTheLogin() throws Exception {
        assertThat(mvc.perform(get("/login/code")).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/login");
        assertThat(mvc.perform(post("/login/code").with(csrf()).param("code", "123456")).andReturn().getResponse()
                .getRedirectedUrl()).isEqualTo("/login");
    }

    @Test
    void wrongCodesAreUnderTheSameProgressiveDelayAsPasswords() throws Exception {
        StaffAccount kari = newUser();
        byte[] secret = enrolled(kari);
        Cookie session = cookie(mvc.perform(login(kari)).andReturn().getResponse(), null);
        for (int i = 0; i < 6; i++) {
            mvc.perform(with(post("/login/code").param("code", wrong(secret)), session));
        }

        MockHttpServletResponse held = mvc.perform(with(post("/login/code").param("code", code(secret)), session))
                .andReturn().getResponse();
        assertThat(held.getStatus()).isEqualTo(429);
        assertThat(held.getHeader("Retry-After")).isEqualTo("1");

        // Knowing the password does not reset the count that limits guessing the code.
        clock.advance(Duration.ofSeconds(1));
        Cookie again = cookie(mvc.perform(login(kari)).andReturn().getResponse(), null);
        clock.advance(Duration.ofSeconds(1));
        mvc.perform(with(post("/login/code").param("code", wrong(secret)), again));
        assertThat(mvc.perform(with(post("/login/code").param("code", code(secret)), again)).andReturn().getResponse()
                .getStatus()).isEqualTo(429);
    }

    @Test
    void switchingOffNeedsACurrentCode() throws Exception {
        StaffAccount kari = newUser();
        byte[] secret = enrolled(kari);
        Cookie session = cookie(mvc.perform(login(kari)).andReturn().getResponse(), null);
        session = cookie(mvc.perform(with(post("/login/code").param("code", code(secret)), session)).andReturn()
                .getResponse(), session);
        clock.advance(Duration.ofSeconds(30));

        mvc.perform(with(post("/console/identity/two-factor/disable").param("code", wrong(secret)), session));
        assertThat(secrets.enabled(kari.id())).isTrue();
        mvc.perform(with(post("/console/identity/two-factor/disable").param("code", code(secret)), session));
        assertThat(secrets.enabled(kari.id())).isFalse();
        assertThat(audits("identity.two-factor.disabled", kari.id(), "SUCCESS")).isEqualTo(1);
        assertThat(audits("identity.two-factor.disabled", kari.id(), "DENIED")).isEqualTo(1);
    }

    @Test
    void thePrivacyOfficersResetSwitchesItOffWithoutACodeAndIsAudited() throws Exception {
        StaffAccount kari = newUser();
        enrolled(kari);

        accounts.resetTwoFactor(kari.id());

        assertThat(secrets.enabled(kari.id())).isFalse();
        assertThat(audits("identity.user.two-factor-reset", kari.id(), "SUCCESS")).isEqualTo(1);
        assertThat(mvc.perform(login(kari)).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/console");
    }

    // ---- helpers ----

    private StaffAccount newUser() {
        return accounts.create("t" + UUID.randomUUID().toString().substring(0, 12), PASSWORD, Set.of(Role.CASE_HANDLER));
    }

    /** Enrols and confirms a factor directly, then moves past the confirming code's step. */
    private byte[] enrolled(StaffAccount account) {
        byte[] secret = secrets.enrol(account.id()).orElseThrow();
        assertThat(secrets.confirm(account.id(), code(secret))).isTrue();
        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        return secret;
    }

    private Cookie loginWithPassword(StaffAccount account) throws Exception {
        MockHttpServletResponse response = mvc.perform(login(account)).andReturn().getResponse();
        assertThat(response.getRedirectedUrl()).isEqualTo("/console");
        return cookie(response, null);
    }

    private MockHttpServletRequestBuilder login(StaffAccount account) {
        return post("/login").param("username", account.username()).param("password", PASSWORD).with(csrf())
                .with(r -> {
                    r.setRemoteAddr(ip);
                    return r;
                });
    }

    private MockHttpServletRequestBuilder with(MockHttpServletRequestBuilder request, Cookie session) {
        return request.cookie(session).with(csrf()).with(r -> {
            r.setRemoteAddr(ip);
            return r;
        });
    }

    private String code(byte[] secret) {
        return Totp.code(secret, Totp.step(clock.instant()));
    }

    /** A code that matches no step of the drift window. */
    private String wrong(byte[] secret) {
        long step = Totp.step(clock.instant());
        for (int i = 0; ; i++) {
            String candidate = String.format("%06d", (Integer.parseInt(code(secret)) + 1 + i) % 1_000_000);
            if (Totp.matchingStep(secret, candidate, clock.instant()).isEmpty() && step == Totp.step(clock.instant())) {
                return candidate;
            }
        }
    }

    private static Cookie cookie(MockHttpServletResponse response, Cookie previous) {
        return response.getHeaders("Set-Cookie").stream().filter(h -> h.startsWith("VERN_SESSION="))
                .map(h -> new Cookie("VERN_SESSION", h.substring("VERN_SESSION=".length()).split(";", 2)[0]))
                .findFirst().orElseGet(() -> {
                    assertThat(previous).as("a session cookie").isNotNull();
                    return previous;
                });
    }

    private static byte[] secretOf(String page) {
        Matcher m = BASE32.matcher(page);
        assertThat(m.find()).as("the otpauth URI on the page").isTrue();
        return base32Decode(m.group(1));
    }

    private static byte[] base32Decode(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private long audits(String action, UUID user, String outcome) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = :action AND :target = ANY(targets) AND outcome = :outcome")
                .param("action", action).param("target", "user:" + user).param("outcome", outcome)
                .query(Long.class).single();
    }
}
