package no.vern.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import no.vern.support.TestClock;
import no.vern.support.Tokens;
import no.vern.support.VernTest;

/** Bearer tokens: scoped, hashed at rest, expirable, revocable, rate-limited on failure. */
@VernTest
class ApiTokenTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void issuedTokenAuthenticatesAndReportsItsScopes() throws Exception {
        String bearer = Tokens.bearer(tokens, ApiScope.AUDIT_READ);

        mvc.perform(get("/api/v1/me").header("Authorization", bearer)).andExpect(status().isOk())
                .andExpect(jsonPath("$.authorities[0]").value("SCOPE_audit:read"))
                .andExpect(jsonPath("$.actor").value(org.hamcrest.Matchers.startsWith("api_client:")));
    }

    @Test
    void tokenSecretIsStoredOnlyAsAHash() {
        IssuedToken issued = tokens.issue("crm", Set.of(ApiScope.SUBJECTS_READ), null);

        String everything = jdbc.sql("SELECT string_agg(t::text, '|') FROM identity_api_token t").query(String.class)
                .single();
        assertThat(everything).doesNotContain(issued.secret());
        assertThat(issued.token().prefix()).isEqualTo(issued.secret().substring(0, 12));
    }

    @Test
    void missingTokenGetsA401Problem() throws Exception {
        mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:vern:problem:unauthorized"))
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")));
    }

    @Test
    void unknownTokenGetsA401Problem() throws Exception {
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer vern_nope")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:invalid-token"));
    }

    @Test
    void revokedTokenStopsWorkingAtOnce() throws Exception {
        IssuedToken issued = tokens.issue("crm", Set.of(ApiScope.SUBJECTS_READ), null);
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + issued.secret())).andExpect(status().isOk());

        tokens.revoke(issued.token().id());

        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + issued.secret()))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        IssuedToken issued = tokens.issue("crm", Set.of(ApiScope.SUBJECTS_READ), clock.instant().plus(Duration.ofHours(1)));
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + issued.secret())).andExpect(status().isOk());

        clock.advance(Duration.ofHours(2));

        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + issued.secret()))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void useOfATokenIsRecorded() throws Exception {
        IssuedToken issued = tokens.issue("crm", Set.of(ApiScope.SUBJECTS_READ), null);
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + issued.secret()));

        Instant lastUsed = tokens.list().stream().filter(t -> t.id().equals(issued.token().id())).findFirst()
                .orElseThrow().lastUsedAt();
        assertThat(lastUsed).isNotNull();
    }

    @Test
    void tokenWithoutTheRequiredScopeGetsA403Problem() throws Exception {
        String bearer = Tokens.bearer(tokens, ApiScope.AUDIT_READ);

        mvc.perform(get("/api/v1/users").header("Authorization", bearer)).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:forbidden"));
    }

    @Test
    void manyBadTokensFromOneAddressAreRateLimitedButAValidTokenFromThatAddressStillWorks() throws Exception {
        // Issue 24, item 4: guessing tokens is limited per address, but the limit never locks out a valid token.
        for (int i = 0; i < 30; i++) {
            mvc.perform(get("/api/v1/me").header("Authorization", "Bearer wrong-" + i).with(r -> {
                r.setRemoteAddr("10.9.9.9");
                return r;
            })).andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer wrong-31").with(r -> {
            r.setRemoteAddr("10.9.9.9");
            return r;
        })).andExpect(status().isTooManyRequests()).andExpect(jsonPath("$.type").value("urn:vern:problem:rate-limited"));
        String good = Tokens.bearer(tokens, ApiScope.AUDIT_READ);

        mvc.perform(get("/api/v1/me").header("Authorization", good).with(r -> {
            r.setRemoteAddr("10.9.9.9");
            return r;
        })).andExpect(status().isOk());
    }

    @Test
    void tokensCanBeIssuedAndRevokedThroughTheApi() throws Exception {
        String admin = Tokens.bearer(tokens, ApiScope.USERS_ADMIN);

        String body = mvc.perform(post("/api/v1/tokens").header("Authorization", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"mailing\",\"scopes\":[\"consent:read\"]}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.secret").exists())
                .andExpect(header().exists("Location")).andReturn().getResponse().getContentAsString();
        String secret = body.replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + secret)).andExpect(status().isOk());
    }
}
