package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.shared.DatabaseEndpoint;
import no.vern.support.Tokens;

/**
 * Issue 14, item 2: when PostgreSQL goes away, requests fail fast with a 503 problem (never a hang, a
 * 500 or a stack trace), and when it comes back Vern serves again without a restart. The outage is
 * real: every connection of the application is terminated and the database refuses new ones. Runs in
 * its own application context and database so that no other test sees the outage.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "vern.test.isolated=database-outage")
@DirtiesContext
class DatabaseOutageTest {

    @LocalServerPort
    int port;
    @Autowired
    DatabaseEndpoint endpoint;
    @Autowired
    ApiTokens tokens;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void lostDatabaseGivesA503ProblemAndServiceResumesWhenItReturns() throws Exception {
        String token = Tokens.bearer(tokens, ApiScope.SUBJECTS_READ);
        assertThat(get("/api/v1/subjects", token).statusCode()).isEqualTo(200);

        String database;
        try (Connection app = DriverManager.getConnection(endpoint.url(), endpoint.user(), endpoint.password())) {
            database = app.getCatalog();
        }
        // From the maintenance database: PostgreSQL refuses to lock out the database one is connected to.
        String maintenance = endpoint.url().replaceFirst("/" + database + "(\\?|$)", "/" + ("postgres".equals(database) ? "template1" : "postgres") + "$1");
        try (Connection admin = DriverManager.getConnection(maintenance, endpoint.user(), endpoint.password())) {
            try {
                execute(admin, "ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS false");
                execute(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = '" + database + "'");

                HttpResponse<String> api = get("/api/v1/subjects", token);
                assertThat(api.statusCode()).isEqualTo(503);
                assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(api.headers().firstValue("Retry-After")).isPresent();
                assertThat(api.body()).contains("urn:vern:problem:database-unavailable").doesNotContain("Exception");
            } finally {
                execute(admin, "ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS true");
            }
        }

        // Back without a restart: the pools drop the dead connections and reconnect. Until they have, a
        // request may still meet a terminated connection, and then it is a 503 problem too, never a 500.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        HttpResponse<String> after = get("/api/v1/subjects", token);
        while (after.statusCode() != 200 && System.nanoTime() < deadline) {
            assertThat(after.statusCode()).isEqualTo(503);
            Thread.sleep(200);
            after = get("/api/v1/subjects", token);
        }
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isIn(200, 401);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
