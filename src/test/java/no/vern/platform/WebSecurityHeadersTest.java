package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import no.vern.identity.Role;
import no.vern.identity.StaffAccounts;

/**
 * Over real HTTP: pages carry a strict CSP, no-store and the usual headers; the session cookie is
 * HttpOnly and SameSite=Strict; health tells nothing but its status; OpenAPI and Swagger UI work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebSecurityHeadersTest {

    @LocalServerPort
    int port;
    @Autowired
    StaffAccounts accounts;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void pagesCarryStrictSecurityHeaders() throws Exception {
        HttpResponse<String> login = get("/login");

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline"));
        assertThat(login.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(login.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(login.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(login.body()).doesNotContain("<script>").contains("name=\"_csrf\"");
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteStrict() throws Exception {
        accounts.create("cookie-test", "kake-proeve-passord", Set.of(Role.AUDITOR));
        HttpResponse<String> page = get("/login");
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("VERN_SESSION="))
                .findFirst().orElseThrow();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();

        HttpResponse<String> login = http.send(HttpRequest.newBuilder(uri("/login"))
                .header("Cookie", cookie.split(";")[0])
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=cookie-test&password=kake-proeve-passord&_csrf="
                        + csrf.group(1))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).isIn(302, 303);
        List<String> cookies = login.headers().allValues("Set-Cookie");
        assertThat(cookie + String.join(";", cookies)).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    }

    @Test
    void pageScriptsAndStylesAreServedFromVernItself() throws Exception {
        assertThat(get("/webjars/htmx.org/2.0.10/dist/htmx.min.js").statusCode()).isEqualTo(200);
        assertThat(get("/js/vern.js").statusCode()).isEqualTo(200);
        assertThat(get("/css/vern.css").statusCode()).isEqualTo(200);
    }

    @Test
    void healthIsPublicButRevealsNoDetails() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("db").doesNotContain("diskSpace");
    }

    @Test
    void prometheusNeedsAuthentication() throws Exception {
        assertThat(get("/actuator/prometheus").statusCode()).isIn(302, 401);
    }

    @Test
    void openApiDescribesTheApiAndSwaggerUiLoads() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"openapi\":\"3.1").contains("/api/v1/tokens").contains("/api/v1/users");

        HttpResponse<String> ui = get("/swagger-ui.html");
        assertThat(ui.statusCode()).isIn(200, 302);
        String location = ui.headers().firstValue("Location").orElse("/swagger-ui.html");
        assertThat(get(location.replaceAll("^https?://[^/]+", "")).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
