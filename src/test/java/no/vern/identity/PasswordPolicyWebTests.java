package no.vern.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import jakarta.servlet.http.Cookie;
import no.vern.support.Tokens;
import no.vern.support.VernTest;

/**
 * The password policy where people meet it (issue 24, item 4): the console explains a refusal in Norwegian or
 * English and keeps what was typed except the password; the API answers 400 with the English field error; and the
 * privacy officer's page shows and resets a user's two-step login.
 */
@VernTest
class PasswordPolicyWebTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    StaffAccounts accounts;
    @Autowired
    ApiTokens tokens;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theConsoleRefusesACommonPasswordInTheChosenLanguageAndKeepsTheUsername() throws Exception {
        String name = "ny-" + UUID.randomUUID().toString().substring(0, 8);
        for (String[] lang : new String[][] { { "nb", "er et av de vanligste passordene" },
                { "en", "is one of the most common passwords" } }) {
            MockHttpServletResponse page = mvc.perform(post("/console/identity/users").with(csrf())
                    .with(user("po").roles("PRIVACY_OFFICER")).cookie(new Cookie("VERN_LANG", lang[0]))
                    .param("username", name).param("password", "Password1234!").param("roles", "SALES"))
                    .andReturn().getResponse();
            assertThat(page.getStatus()).isEqualTo(200);
            assertThat(page.getContentAsString()).contains(lang[1]).contains("value=\"" + name + "\"")
                    .doesNotContain("Password1234!");
        }
        assertThat(accounts.list()).noneMatch(a -> a.username().equals(name));
    }

    @Test
    void theConsoleRefusesAPasswordContainingTheUsernameWhenResetting() throws Exception {
        StaffAccount kari = accounts.create("k" + UUID.randomUUID().toString().substring(0, 8), "korrekt-hest-batteri-stift",
                Set.of(Role.SALES));
        String page = mvc.perform(post("/console/identity/users/" + kari.id() + "/password").with(csrf())
                .with(user("po").roles("PRIVACY_OFFICER")).cookie(new Cookie("VERN_LANG", "en"))
                .param("password", "mitt-" + kari.username() + "-passord")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("must not contain the username");
    }

    @Test
    void theApiRefusesATrivialPasswordWithAFieldErrorThatDoesNotRepeatIt() throws Exception {
        String body = "{\"username\":\"api-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"password\":\"abcdefghijklmnop\",\"roles\":[\"SALES\"]}";
        MockHttpServletResponse response = mvc.perform(post("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .content(body).header("Authorization", Tokens.bearer(tokens, ApiScope.USERS_ADMIN))).andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains(PasswordRefusal.TRIVIAL.detail())
                .doesNotContain("abcdefghijklmnop");
    }

    @Test
    void thePrivacyOfficerSeesAUsersTwoStepLoginAndCanResetIt() throws Exception {
        StaffAccount kari = accounts.create("k" + UUID.randomUUID().toString().substring(0, 8), "korrekt-hest-batteri-stift",
                Set.of(Role.SALES));
        jdbc.sql("INSERT INTO identity_staff_totp (user_id, secret, created_at, confirmed_at) VALUES (:id, '\\x00', now(), now())")
                .param("id", kari.id()).update();

        String page = mvc.perform(get("/console/identity/users/" + kari.id()).with(user("po").roles("PRIVACY_OFFICER"))
                .cookie(new Cookie("VERN_LANG", "en"))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("/console/identity/users/" + kari.id() + "/two-factor/reset").contains("Reset two-step login");

        MockHttpServletResponse reset = mvc.perform(post("/console/identity/users/" + kari.id() + "/two-factor/reset")
                .with(csrf()).with(user("po").roles("PRIVACY_OFFICER"))).andReturn().getResponse();
        assertThat(reset.getRedirectedUrl()).isEqualTo("/console/identity/users/" + kari.id());
        assertThat(accounts.find(kari.id()).orElseThrow().twoFactor()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'identity.user.two-factor-reset' AND :t = ANY(targets)")
                .param("t", "user:" + kari.id()).query(Long.class).single()).isEqualTo(1);
    }
}
