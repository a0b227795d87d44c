package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import no.vern.support.TestDatabases;
import no.vern.VernApplication;
import no.vern.identity.ApiTokens;
import no.vern.identity.Role;
import no.vern.identity.StaffAccounts;
import no.vern.shared.DatabaseEndpoint;

/**
 * Vern on an external PostgreSQL given by URL (a separately started server stands in for it),
 * bootstrap secrets from the environment, and restarts that must not fail or duplicate anything.
 */
@no.vern.support.Isolated
class DatabaseStartupTest {

    private static final String ADMIN_PASSWORD = "oppstart-sjef-passord";
    private static final String BOOTSTRAP_TOKEN = "vern_bootstrap_token_for_tests_0123456789";

    @Test
    void runsOnAnExternalServerGivenByUrlAndStartsTwice() throws Exception {
        Path dir = Path.of("target/pg-external/" + UUID.randomUUID());
        // A new, empty database on a server Vern did not start (the test JVM's): Vern migrates it on the first start.
        String url = TestDatabases.empty();
        try (SingleConnectionDataSource external = new SingleConnectionDataSource(url, TestDatabases.USER, "", true)) {
            for (int start = 1; start <= 2; start++) {
                try (ConfigurableApplicationContext vern = run("--vern.db.url=" + url, "--vern.db.user=postgres",
                        "--vern.keys.generate-missing=true", "--vern.keys.directory=" + dir.resolveSibling(dir.getFileName() + "-keys"),
                        "--vern.bootstrap.admin-password=" + ADMIN_PASSWORD,
                        "--vern.bootstrap.api-token=" + BOOTSTRAP_TOKEN)) {
                    // The server is chosen at start (not by a condition, which Spring AOT would fix at build time).
                    DatabaseEndpoint endpoint = vern.getBean(DatabaseEndpoint.class);
                    assertThat(endpoint.embedded()).isFalse();
                    assertThat(endpoint.url()).isEqualTo(url);
                    StaffAccounts accounts = vern.getBean(StaffAccounts.class);
                    assertThat(accounts.list()).singleElement().satisfies(admin -> {
                        assertThat(admin.username()).isEqualTo("admin");
                        assertThat(admin.roles()).containsExactly(Role.PRIVACY_OFFICER);
                    });
                    assertThat(vern.getBean(ApiTokens.class).list()).singleElement()
                            .satisfies(t -> assertThat(t.name()).isEqualTo("bootstrap"));
                }
            }
            JdbcClient direct = JdbcClient.create(external);
            assertThat(direct.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Long.class).single())
                    .isGreaterThan(2);
            assertThat(direct.sql("SELECT count(*) FROM flyway_schema_history WHERE NOT success").query(Long.class).single())
                    .isZero();
        }
    }

    @Test
    void embeddedDatabaseKeepsItsDataAcrossRestarts() throws Exception {
        String dataDir = "target/pg-persistent/" + UUID.randomUUID();
        try (ConfigurableApplicationContext first = run("--vern.db.embedded.data-dir=" + dataDir,
                "--vern.db.embedded.clean=false")) {
            assertThat(first.getBean(DatabaseEndpoint.class).embedded()).isTrue();
            first.getBean(StaffAccounts.class).create("varig-bruker", "varig-konto-passord", Set.of(Role.AUDITOR));
        }
        assertThat(Files.isDirectory(Path.of(dataDir))).isTrue();
        try (ConfigurableApplicationContext second = run("--vern.db.embedded.data-dir=" + dataDir,
                "--vern.db.embedded.clean=false")) {
            assertThat(second.getBean(StaffAccounts.class).list()).extracting(a -> a.username())
                    .contains("varig-bruker");
        }
    }

    private static ConfigurableApplicationContext run(String... args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server.port=0";
        return new SpringApplicationBuilder(VernApplication.class).run(all);
    }
}
