package no.vern.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.springframework.test.context.cache.DefaultCacheAwareContextLoaderDelegate;

/**
 * Ends the test JVM's shared fixtures in order when the test run is over (registered in
 * {@code META-INF/services}): first every cached application context (while their database still answers),
 * then the pooled Chromium processes, then the embedded PostgreSQL. Left to JVM shutdown hooks, which run
 * all at once, the server could stop under contexts that are still closing and make each of them wait for
 * connection timeouts.
 */
public final class SharedFixturesShutdown implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
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
