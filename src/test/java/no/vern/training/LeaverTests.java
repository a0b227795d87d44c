package no.vern.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import jakarta.servlet.http.Cookie;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.identity.Role;
import no.vern.identity.StaffAccount;
import no.vern.identity.StaffAccounts;
import no.vern.shared.Actor;
import no.vern.shared.ActorSource;
import no.vern.support.SessionCookies;
import no.vern.support.VernTest;

/**
 * Access reviews and leavers (S20): one action disables the account, and its open session and the
 * API tokens it issued stop working on the very next request.
 */
@VernTest
class LeaverTests extends ProgrammeTestSupport {

    private static final String PASSWORD = "korrekt-hest-batteri-stift";

    @Autowired
    MockMvc mvc;
    @Autowired
    StaffAccounts accounts;
    @Autowired
    ApiTokens tokens;
    @Autowired
    AccessReviews reviews;

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aLeaverLosesSessionAndTokensImmediately() throws Exception {
        StaffAccount leaver = accounts.create("l" + UUID.randomUUID().toString().substring(0, 12), PASSWORD,
                Set.of(Role.PRIVACY_OFFICER));
        RequestPostProcessor ip = r -> {
            r.setRemoteAddr("10.9.0." + (1 + (int) (Math.random() * 200)));
            return r;
        };
        Cookie session = SessionCookies.from(mvc.perform(post("/login").with(csrf()).with(ip)
                .param("username", leaver.username()).param("password", PASSWORD)).andReturn().getResponse());
        String secret = issueAs(leaver, "leaver's CRM script");
        String other = tokens.issue("someone else's", EnumSet.of(ApiScope.AUDIT_READ), null).secret();
        mvc.perform(get("/console").cookie(session)).andExpect(status().isOk());
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + secret)).andExpect(status().isOk());

        mvc.perform(post("/console/training/access-review/accounts/{id}/leaver", leaver.id())
                .with(user("po").roles("PRIVACY_OFFICER")).with(csrf())).andExpect(status().is3xxRedirection());

        mvc.perform(get("/console").cookie(session)).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + secret)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + other)).andExpect(status().isOk());
        mvc.perform(post("/login").with(csrf()).with(ip).param("username", leaver.username()).param("password", PASSWORD))
                .andExpect(redirectedUrl("/login?error"));
        assertThat(reviews.current().items()).noneMatch(i -> i.id().equals(leaver.id()));
    }

    @Test
    void unreviewedAccessIsFlaggedUntilConfirmedAndAgainWhenRolesChange() throws Exception {
        StaffAccount kari = accounts.create("r" + UUID.randomUUID().toString().substring(0, 12), PASSWORD,
                Set.of(Role.SALES, Role.MARKETING));
        assertThat(item(kari).unreviewed()).isTrue();
        String page = mvc.perform(get("/console/training/access-review").with(user("revisor").roles("AUDITOR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"unreviewed\"").contains(kari.username());

        reviews.confirmAccount(kari.id());
        assertThat(item(kari).decision()).isEqualTo(AccessItem.Decision.CONFIRMED);

        accounts.changeRoles(kari.id(), Set.of(Role.SALES, Role.MARKETING, Role.RECRUITER));
        assertThat(item(kari).unreviewed()).isTrue();

        mvc.perform(post("/console/training/access-review/accounts/{id}/roles", kari.id())
                .with(user("po").roles("PRIVACY_OFFICER")).with(csrf()).param("roles", "SALES"))
                .andExpect(status().is3xxRedirection());
        assertThat(accounts.find(kari.id()).orElseThrow().roles()).containsExactly(Role.SALES);
        assertThat(item(kari).decision()).isEqualTo(AccessItem.Decision.CHANGED);
    }

    @Test
    void aTokenIsConfirmedOrRevokedInTheReview() throws Exception {
        var token = tokens.issue("nyhetsbrev " + UUID.randomUUID(), EnumSet.of(ApiScope.CONSENT_READ), null);
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token.secret())).andExpect(status().isOk());

        mvc.perform(post("/console/training/access-review/tokens/{id}/revoke", token.token().id())
                .with(user("po").roles("PRIVACY_OFFICER")).with(csrf())).andExpect(status().is3xxRedirection());

        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token.secret()))
                .andExpect(status().isUnauthorized());
    }

    private AccessItem item(StaffAccount account) {
        return reviews.current().items().stream().filter(i -> i.id().equals(account.id())).findFirst().orElseThrow();
    }

    private String issueAs(StaffAccount account, String name) {
        ActorSource source = () -> new Actor(Actor.Kind.STAFF, account.username());
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(source, null, List.of()));
        try {
            return tokens.issue(name, EnumSet.of(ApiScope.AUDIT_READ), null).secret();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
