package no.vern.support;

import org.springframework.test.context.cache.DefaultCacheAwareContextLoaderDelegate;

/**
 * Ends the test JVM's shared fixtures in order when the JVM exits: first every cached application context (while
 * their database still answers), then the pooled Chromium processes, then the embedded PostgreSQL. Shutdown hooks
 * run all at once, so left to their own hooks the server could stop under contexts that are still closing, and
 * each of them would wait for connection timeouts. Closing a context twice is harmless: Spring's own hook and this
 * one wait for each other.
 */
final class SharedFixturesShutdown {

    private static boolean registered;

    private SharedFixturesShutdown() {
    }

    /** Registers the ordered shutdown once per JVM. */
    static synchronized void register() {
        if (!registered) {
            Runtime.getRuntime().addShutdownHook(new Thread(SharedFixturesShutdown::run, "vern-test-fixtures-stop"));
            registered = true;
        }
    }

    private static void run() {
        new CachedContexts().closeAll();
        Browser.quitPooled();
        TestDatabases.stop();
    }

    /** Reaches Spring's JVM-wide context cache through its protected accessor. */
    private static final class CachedContexts extends DefaultCacheAwareContextLoaderDelegate {

        void closeAll() {
            getContextCache().reset();
        }
    }
}
