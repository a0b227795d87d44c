package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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

    /**
     * Issue 24, item 6: requests Tomcat refuses before Spring Security sees them (a malformed request line, an
     * undecodable or illegal URI) are answered with the same CSP and frame headers as every page. Sent on a raw
     * socket, because an HTTP client refuses to send them.
     */
    @ParameterizedTest
    @ValueSource(strings = { "GET /a%zz HTTP/1.1", "GET /<script>alert(1)</script> HTTP/1.1", "GET /a{b} HTTP/1.1",
            "GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1", "GARBAGE", "GET / HTTP/9.9" })
    void theContainersOwnErrorAnswersCarryThePageSecurityHeaders(String requestLine) throws Exception {
        String answer = raw(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        String status = answer.lines().findFirst().orElse("");
        assertThat(status).as(requestLine).matches("HTTP/1\\.1 (400|404|505) .*");
        Map<String, String> headers = headers(answer);
        assertThat(headers.get("content-security-policy")).as(requestLine + ": " + answer)
                .contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(headers.get("x-frame-options")).as(requestLine).isEqualTo("DENY");
        assertThat(headers.get("x-content-type-options")).as(requestLine).isEqualTo("nosniff");
        assertThat(answer).doesNotContain("Apache Tomcat").doesNotContain("alert(1)");
    }

    @Test
    void aForeignHostHeaderReachesNoLocationOverTheWireEither() throws Exception {
        // Issue 24: the real container (not MockMvc) answers these redirects with a relative Location.
        for (String path : new String[] { "/console", "/console/register", "/swagger-ui.html", "/console/" }) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(path).doesNotContain("evil.example");
            assertThat(headers(answer).get("location")).as(path).isNotNull().startsWith("/");
        }
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static Map<String, String> headers(String answer) {
        Map<String, String> headers = new HashMap<>();
        for (String line : answer.split("\r\n\r\n", 2)[0].split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return headers;
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
        assertThat(docs.body()).contains("\"openapi\":\"3.0").contains("/api/v1/tokens").contains("/api/v1/users");

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
