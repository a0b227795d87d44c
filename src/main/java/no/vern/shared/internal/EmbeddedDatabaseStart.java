package no.vern.shared.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts the embedded PostgreSQL on a thread of its own as soon as the configuration is known, before the
 * application context is built (issue 28 item 9, cold start): {@code initdb} and the server's start take about two
 * seconds, which now overlap the seconds Spring spends reading the configuration classes instead of following
 * them. {@link DatabaseConfiguration#databaseServer} takes the server (waiting if it is still starting, and
 * failing the start with its error). With {@code VERN_DB_URL} set (the same test as that bean's) it does nothing,
 * and nothing either while Spring AOT processes the application at build time ({@code spring.aot.processing}: no
 * bean is created then, so no server would be taken). Registered in {@code META-INF/spring.factories}, so it runs for {@code java -jar}, {@code spring-boot:run}
 * and every context a test builds.
 */
final class EmbeddedDatabaseStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String BEAN = "vernEmbeddedDatabaseStart";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (!context.getEnvironment().getProperty("vern.db.url", "").isBlank()
                || Boolean.getBoolean("spring.aot.processing")
                || context.getBeanFactory().containsSingleton(BEAN)) {
            return;
        }
        DatabaseProperties properties = Binder.get(context.getEnvironment())
                .bindOrCreate("vern.db", DatabaseProperties.class);
        CompletableFuture<EmbeddedPostgres> server = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                server.complete(DatabaseConfiguration.startEmbedded(properties.embedded()));
            } catch (IOException | RuntimeException e) {
                server.completeExceptionally(e);
            }
        }, "vern-embedded-postgres-start");
        starter.setDaemon(true);
        starter.start();
        Started started = new Started(server);
        context.getBeanFactory().registerSingleton(BEAN, started);
        if (context.getBeanFactory() instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean(BEAN, started);
        }
    }

    /**
     * The server being started. Handed to the {@code databaseServer} bean, which closes it with the context; if the
     * context fails or closes before taking it, this closes it, so no server outlives the JVM's context.
     */
    static final class Started implements DisposableBean {

        private final CompletableFuture<EmbeddedPostgres> server;
        private volatile boolean taken;

        Started(CompletableFuture<EmbeddedPostgres> server) {
            this.server = server;
        }

        /** The started server, waiting for it; the start's own error if it failed. */
        EmbeddedPostgres take() throws IOException {
            try {
                EmbeddedPostgres postgres = server.join();
                taken = true;
                return postgres;
            } catch (CompletionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new UncheckedIOException(new IOException("The embedded PostgreSQL did not start", e.getCause()));
            }
        }

        @Override
        public void destroy() throws IOException {
            if (taken) {
                return;
            }
            try {
                server.join().close();
            } catch (CompletionException e) {
                // it never started: nothing to close
            }
        }
    }
}
