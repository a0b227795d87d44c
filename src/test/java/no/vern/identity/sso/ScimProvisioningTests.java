package no.vern.identity.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.identity.IssuedToken;
import no.vern.identity.Role;
import no.vern.identity.StaffAccount;
import no.vern.identity.StaffAccounts;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.support.Browser;
import no.vern.support.Tokens;
import tools.jackson.databind.json.JsonMapper;

/**
 * SCIM 2.0 as an identity provider calls it (RFC 7644; the PATCH as Entra ID sends it, with the string "False"):
 * create, find by filter, group membership giving a role, deactivation that ends a live session and revokes the
 * person's API tokens at once, delete, the SCIM error schema, and a scope of its own.
 */
class ScimProvisioningTests extends SsoTestSupport {

    private static final String SCIM = "application/scim+json";

    @LocalServerPort
    int port;
    @Autowired
    ApiTokens tokens;
    @Autowired
    StaffAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void providerCreatesGroupsDeactivatesAndDeletesAUserAndDeactivationEndsSessionAndTokensAtOnce() throws Exception {
        assumeTrue(Browser.available(), "chromium and chromium-driver are not installed");
        String provider = Tokens.bearer(tokens, ApiScope.SCIM_PROVISION);
        String email = "anne." + UUID.randomUUID().toString().substring(0, 8) + "@fjellvik.example";
        String filter = "/scim/v2/Users?filter=" + URLEncoder.encode("userName eq \"" + email + "\"", StandardCharsets.UTF_8);

        assertThat(call("GET", filter, provider, null).get("totalResults")).isEqualTo(0);
        Response created = send("POST", "/scim/v2/Users", provider, Map.of(
                "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "userName", email,
                "externalId", "entra-" + email.substring(5, 13), "active", true,
                "name", Map.of("givenName", "Anne", "familyName", "Hansen"),
                "emails", List.of(Map.of("value", email, "primary", true))));
        assertThat(created.status()).isEqualTo(201);
        String id = (String) created.body().get("id");
        assertThat(created.body()).containsEntry("userName", email).containsEntry("active", true);
        Map<String, Object> found = call("GET", filter, provider, null);
        assertThat(found.get("totalResults")).isEqualTo(1);
        assertThat(found.get("schemas")).isEqualTo(List.of("urn:ietf:params:scim:api:messages:2.0:ListResponse"));

        Response again = send("POST", "/scim/v2/Users", provider, Map.of("userName", email.toUpperCase()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).containsEntry("scimType", "uniqueness").containsEntry("status", "409")
                .containsEntry("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:Error"));

        // Membership of a mapped group gives the role; Vern stored no name and no e-mail besides the userName.
        Response group = send("POST", "/scim/v2/Groups", provider, Map.of("displayName", "Vern saksbehandling",
                "members", List.of(Map.of("value", id))));
        assertThat(group.status()).isIn(201, 409);
        String groupId = group.status() == 201 ? (String) group.body().get("id") : existingGroup(provider);
        if (group.status() == 409) {
            send("PATCH", "/scim/v2/Groups/" + groupId, provider, Map.of("Operations",
                    List.of(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", id))))));
        }
        StaffAccount account = accounts.find(UUID.fromString(id)).orElseThrow();
        assertThat(account.roles()).containsExactly(Role.CASE_HANDLER);

        // The person signs in through the provider (the token has no groups claim: the SCIM roles stay) ...
        String subject = "sub-" + UUID.randomUUID();
        try (Browser browser = Browser.start("http://localhost:" + port)) {
            nextSignIn(subject, Map.of("email", email));
            browser.open("/login").click("#sso-test");
            assertThat(browser.path()).isEqualTo("/console");
            assertThat(sessionsOf(account.username())).isEqualTo(1);
            // ... and has issued an API token.
            IssuedToken own = Actors.runAs(new Actor(Actor.Kind.STAFF, account.username()),
                    () -> tokens.issue("eget", Set.of(ApiScope.SUBJECTS_READ), null));
            assertThat(status("GET", "/api/v1/me", "Bearer " + own.secret())).isEqualTo(200);

            // Disabled at the provider: PATCH active "False", as Entra ID sends it.
            Response patched = send("PATCH", "/scim/v2/Users/" + id, provider, Map.of(
                    "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                    "Operations", List.of(Map.of("op", "Replace", "path", "active", "value", "False"))));
            assertThat(patched.status()).isEqualTo(200);
            assertThat(patched.body()).containsEntry("active", false);

            assertThat(sessionsOf(account.username())).isZero();
            browser.open("/console");
            assertThat(browser.path()).isEqualTo("/login");
            assertThat(status("GET", "/api/v1/me", "Bearer " + own.secret())).isEqualTo(401);
            assertThat(tokens.list().stream().filter(t -> t.id().equals(own.token().id())).findFirst().orElseThrow()
                    .revokedAt()).isNotNull();
            assertThat(accounts.find(account.id()).orElseThrow().enabled()).isFalse();
            assertThat(audited("identity.scim.user-deactivated", "user:" + id)).isEqualTo(1);

            // A disabled account cannot sign in through the provider either.
            nextSignIn(subject, Map.of("email", email));
            browser.click("#sso-test");
            assertThat(browser.path()).isEqualTo("/login?sso=disabled");
        }

        assertThat(send("DELETE", "/scim/v2/Users/" + id, provider, null).status()).isEqualTo(204);
        Response gone = send("GET", "/scim/v2/Users/" + id, provider, null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body()).containsEntry("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:Error"));
        assertThat(call("GET", filter, provider, null).get("totalResults")).isEqualTo(0);
        StaffAccount deleted = accounts.find(account.id()).orElseThrow();
        assertThat(deleted.enabled()).isFalse();
        assertThat(deleted.roles()).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM identity_staff_user WHERE lower(idp_username) = lower(:e)")
                .param("e", email).query(Long.class).single()).isZero();
    }

    @Test
    void removingAMemberFromAMappedGroupTakesTheRoleAway() throws Exception {
        String provider = Tokens.bearer(tokens, ApiScope.SCIM_PROVISION);
        String email = "ola." + UUID.randomUUID().toString().substring(0, 8) + "@fjellvik.example";
        String id = (String) send("POST", "/scim/v2/Users", provider, Map.of("userName", email)).body().get("id");
        Response group = send("POST", "/scim/v2/Groups", provider, Map.of("displayName", "Vern personvern " + id,
                "members", List.of(Map.of("value", id))));
        String groupId = (String) group.body().get("id");
        // Not a mapped name: no role.
        assertThat(accounts.find(UUID.fromString(id)).orElseThrow().roles()).isEmpty();
        send("PATCH", "/scim/v2/Groups/" + groupId, provider, Map.of("Operations",
                List.of(Map.of("op", "replace", "path", "displayName", "value", "Vern personvern"))));
        assertThat(accounts.find(UUID.fromString(id)).orElseThrow().roles()).containsExactly(Role.PRIVACY_OFFICER);

        Response removed = send("PATCH", "/scim/v2/Groups/" + groupId, provider, Map.of("Operations",
                List.of(Map.of("op", "remove", "path", "members[value eq \"" + id + "\"]"))));
        assertThat(removed.status()).isEqualTo(200);
        assertThat(accounts.find(UUID.fromString(id)).orElseThrow().roles()).isEmpty();
        send("DELETE", "/scim/v2/Groups/" + groupId, provider, null);
    }

    @Test
    void scimHasAScopeOfItsOwnAndAnswersWithTheScimErrorSchema() throws Exception {
        Response anonymous = send("GET", "/scim/v2/Users", null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).containsEntry("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:Error"));
        Response otherScope = send("GET", "/scim/v2/Users", Tokens.bearer(tokens, ApiScope.USERS_ADMIN), null);
        assertThat(otherScope.status()).isEqualTo(403);
        assertThat(otherScope.body()).containsEntry("status", "403");
        Response badFilter = send("GET", "/scim/v2/Users?filter=" + URLEncoder.encode("name.givenName co \"a\"",
                StandardCharsets.UTF_8), Tokens.bearer(tokens, ApiScope.SCIM_PROVISION), null);
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.body()).containsEntry("scimType", "invalidFilter");
    }

    private String existingGroup(String provider) throws IOException, InterruptedException {
        Map<String, Object> list = call("GET", "/scim/v2/Groups?filter="
                + URLEncoder.encode("displayName eq \"Vern saksbehandling\"", StandardCharsets.UTF_8), provider, null);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> resources = (List<Map<String, Object>>) list.get("Resources");
        return (String) resources.get(0).get("id");
    }

    record Response(int status, Map<String, Object> body) {
    }

    private Map<String, Object> call(String method, String path, String bearer, Object body)
            throws IOException, InterruptedException {
        Response response = send(method, path, bearer, body);
        assertThat(response.status()).as(method + " " + path).isBetween(200, 299);
        return response.body();
    }

    @SuppressWarnings("unchecked")
    private Response send(String method, String path, String bearer, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", SCIM)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", SCIM);
        }
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> parsed = response.body().isBlank() ? Map.of() : json.readValue(response.body(), Map.class);
        return new Response(response.statusCode(), parsed);
    }

    private int status(String method, String path, String bearer) throws IOException, InterruptedException {
        return send(method, path, bearer, null).status();
    }

    private long sessionsOf(String username) {
        return jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = :u").param("u", username)
                .query(Long.class).single();
    }

    private long audited(String action, String target) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = :a AND :t = ANY(targets)")
                .param("a", action).param("t", target).query(Long.class).single();
    }
}
