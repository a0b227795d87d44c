package no.vern.crypto.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import no.vern.shared.SubjectId;

/**
 * Listens on {@link SubjectKeys#CHANNEL} over a dedicated connection and evicts shredded subjects
 * from this node's key cache; reconnects with backoff and drops the whole cache whenever it
 * (re)connects or loses the connection, because notifications may have been missed meanwhile.
 */
final class ShredNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShredNotifications.class);
    private static final int POLL_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final KeyStoreEndpoint endpoint;
    private final DataKeyCache cache;
    private final String name;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile @Nullable Thread thread;
    private volatile @Nullable Connection connection;

    ShredNotifications(KeyStoreEndpoint endpoint, DataKeyCache cache, String name) {
        this.endpoint = endpoint;
        this.cache = cache;
        this.name = name;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::run, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread t = thread;
        thread = null;
        if (t == null) {
            return;
        }
        t.interrupt();
        try {
            // the thread polls every POLL_MILLIS and sees running == false; close only if it hangs
            t.join(4L * POLL_MILLIS);
            if (t.isAlive()) {
                closeQuietly(connection);
                t.join(4L * POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            log.warn("Key-shred listener did not stop in time; it is a daemon thread and ends with the JVM");
        }
        listening = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether the LISTEN is in place right now (tests wait for it). */
    boolean isListening() {
        return listening;
    }

    private void run() {
        long backoff = 250;
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("SET ROLE " + KeyStoreEndpoint.ROLE);
                    s.execute("LISTEN " + SubjectKeys.CHANNEL);
                }
                cache.clear();
                listening = true;
                backoff = 250;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            evict(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                cache.clear();
                if (!running) {
                    break;
                }
                log.warn("Key-shred listener lost its database connection ({}); reconnecting in {} ms",
                        e.getClass().getSimpleName(), backoff);
                if (!sleep(backoff)) {
                    break;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            } finally {
                connection = null;
                listening = false;
            }
        }
    }

    private void evict(String payload) {
        try {
            cache.evict(new SubjectId(UUID.fromString(payload)));
        } catch (IllegalArgumentException e) {
            cache.clear();
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", endpoint.user());
        props.setProperty("password", endpoint.password());
        props.setProperty("ApplicationName", "vern-key-shred-listener");
        Connection c = new org.postgresql.Driver().connect(endpoint.url(), props);
        if (c == null) {
            throw new SQLException("The key store URL is not a PostgreSQL URL");
        }
        return c;
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void closeQuietly(@Nullable Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                // the thread notices and ends
            }
        }
    }
}
