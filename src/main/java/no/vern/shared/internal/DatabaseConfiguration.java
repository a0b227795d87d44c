package no.vern.shared.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import no.vern.shared.ClusterNotifications;
import no.vern.shared.DatabaseEndpoint;

/**
 * Chooses the PostgreSQL server (embedded unless {@code VERN_DB_URL} is set) and builds two pools:
 * a small owner pool that only Flyway uses, and the application pool whose connections run as
 * the restricted role {@code vern_app}, which may not rewrite the audit log or read the key store.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** The restricted role that every application connection switches to. */
    static final String APP_ROLE = "vern_app";

    /**
     * The server, chosen at start from {@code vern.db.url}: the external one it names, or else the embedded one that
     * {@link EmbeddedDatabaseStart} began while the context was being built (or one started here when that did not
     * run: a context built without the application's initializers). A factory method and not a condition: Spring AOT
     * (the {@code cds} build) fixes conditions at build time, and the same jar must run on either server.
     */
    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(DatabaseProperties properties,
            org.springframework.beans.factory.ObjectProvider<EmbeddedDatabaseStart.Started> early) throws IOException {
        if (!properties.url().isBlank()) {
            return new DatabaseServer(null,
                    new DatabaseEndpoint(properties.url(), properties.user(), properties.password(), false));
        }
        EmbeddedDatabaseStart.Started started = early.getIfAvailable();
        EmbeddedPostgres postgres = started != null ? started.take() : startEmbedded(properties.embedded());
        return new DatabaseServer(postgres,
                new DatabaseEndpoint(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", true));
    }

    /** The chosen server; holds the embedded one, if it is that, to stop it with the context. */
    static final class DatabaseServer implements AutoCloseable {

        private final @Nullable EmbeddedPostgres embedded;
        private final DatabaseEndpoint endpoint;

        DatabaseServer(@Nullable EmbeddedPostgres embedded, DatabaseEndpoint endpoint) {
            this.embedded = embedded;
            this.endpoint = endpoint;
        }

        /** The embedded server Vern started, if it runs on one. */
        Optional<EmbeddedPostgres> embedded() {
            return Optional.ofNullable(embedded);
        }

        DatabaseEndpoint endpoint() {
            return endpoint;
        }

        @Override
        public void close() throws IOException {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** Starts the embedded server on its data directory (stopping a server an earlier, killed JVM left there). */
    static EmbeddedPostgres startEmbedded(DatabaseProperties.Embedded embedded) throws IOException {
        Path dataDir = Path.of(embedded.dataDir()).toAbsolutePath().normalize();
        Files.createDirectories(dataDir.getParent());
        stopOrphanedServer(dataDir);
        Path workDir = Path.of(embedded.workDir()).toAbsolutePath().normalize();
        Files.createDirectories(workDir);
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(embedded.clean())
                .setOverrideWorkingDirectory(workDir.toFile())
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200");
        if (embedded.port() > 0) {
            builder.setPort(embedded.port());
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL is running on port {} with data in {}", postgres.getPort(), dataDir);
        return postgres;
    }

    @Bean
    DatabaseEndpoint databaseEndpoint(DatabaseServer server) {
        return server.endpoint();
    }

    @Bean(destroyMethod = "close")
    @FlywayDataSource
    @Qualifier("ownerDataSource")
    HikariDataSource ownerDataSource(DatabaseEndpoint endpoint) {
        HikariDataSource ds = pool(endpoint, "vern-owner");
        ds.setMaximumPoolSize(2);
        ds.setMinimumIdle(0);
        return ds;
    }

    /** One LISTEN connection per node for the caches kept coherent across nodes (tokens, the record's version). */
    @Bean
    ClusterNotifications clusterNotifications(DatabaseEndpoint endpoint) {
        return new ClusterNotifications("vern-change-listener",
                ClusterNotifications.connectingTo(endpoint, "vern-change-listener"));
    }

    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(DatabaseEndpoint endpoint, DatabaseProperties properties) {
        HikariDataSource ds = pool(endpoint, "vern-app");
        ds.setConnectionInitSql("SET ROLE " + APP_ROLE);
        ds.setMaximumPoolSize(properties.poolSize());
        ds.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        return ds;
    }

    private static HikariDataSource pool(DatabaseEndpoint endpoint, String name) {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName(name);
        ds.setJdbcUrl(endpoint.url());
        ds.setUsername(endpoint.user());
        ds.setPassword(endpoint.password());
        return ds;
    }

    /**
     * A JVM killed with -9 leaves the embedded server running on the data directory; stop it so
     * that the next start can take the directory over instead of failing.
     */
    private static void stopOrphanedServer(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                    .ifPresent(p -> {
                        log.warn("Stopping an orphaned embedded PostgreSQL (pid {}) left by an earlier run", pid);
                        p.destroy();
                        Instant deadline = Instant.now().plusSeconds(30);
                        while (p.isAlive() && Instant.now().isBefore(deadline)) {
                            sleep();
                        }
                    });
        } catch (IOException | RuntimeException e) {
            log.warn("Could not inspect {}: {}", pidFile, e.toString());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
