package no.vern.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL server per test JVM and, in it, a database migrated once ({@code vern_template}); every
 * application context of the JVM gets its own database copied from it with {@code CREATE DATABASE … TEMPLATE},
 * which takes a few milliseconds where {@code initdb}, a server start and the migrations took seconds. Contexts stay
 * isolated from each other (a database each) while sharing the server.
 */
public final class TestDatabases {

    /** The superuser of the embedded server: Flyway migrates as it, the application pool switches role. */
    public static final String USER = "postgres";
    private static final String TEMPLATE = "vern_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabases() {
    }

    /** Creates a new database from the migrated template and returns its JDBC URL. */
    public static String fresh() {
        return create("vern_", TEMPLATE);
    }

    /** Creates a new empty database (no migrations: for tests of Vern's own start on a new server). */
    public static String empty() {
        return create("vern_empty_", "template0");
    }

    private static synchronized String create(String prefix, String template) {
        EmbeddedPostgres postgres = server();
        String name = prefix + COUNTER.incrementAndGet();
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return postgres.getJdbcUrl(USER, name);
    }

    /** The shared server, started and its template migrated on first use. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            server = start();
            SharedFixturesShutdown.register();
        }
        return server;
    }

    private static EmbeddedPostgres start() {
        try {
            Path dataDir = Path.of("target", "pg-test", UUID.randomUUID().toString()).toAbsolutePath();
            Path workDir = Path.of("target", "pg-bin").toAbsolutePath();
            Files.createDirectories(dataDir.getParent());
            Files.createDirectories(workDir);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                    .setCleanDataDirectory(true).setOverrideWorkingDirectory(workDir.toFile())
                    .setRegisterShutdownHook(false).setPGStartupWait(Duration.ofSeconds(60))
                    // Each cached application context keeps its pools open: room for all of them.
                    .setServerConfig("max_connections", "1000")
                    // Throw-away data: durability costs time and buys nothing here.
                    .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off").start();
            try (Connection admin = postgres.getPostgresDatabase().getConnection();
                    Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + TEMPLATE);
            }
            Flyway.configure().dataSource(postgres.getJdbcUrl(USER, TEMPLATE), USER, "")
                    .locations("classpath:db/migration").outOfOrder(true).load().migrate();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the template database", e);
        }
    }

    /** Stops the server (when the JVM exits, after the contexts using it; see {@link SharedFixturesShutdown}). */
    static synchronized void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // The JVM is ending; the data directory is under target/.
        } finally {
            server = null;
        }
    }
}
