package no.vern.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tells every node about a change it may hold in a cache, through PostgreSQL's LISTEN/NOTIFY: a writer calls
 * {@link #send} in the transaction that makes the change (PostgreSQL delivers the notification only when that
 * transaction commits, and never if it rolls back); each node listens over one dedicated connection and hands the
 * payload to the channel's subscribers. Notifications missed while the connection is down cannot be replayed, so
 * every subscriber is told to {@linkplain Subscriber#reset() forget everything} whenever the listener loses its
 * connection and again once it listens anew; while {@link #isListening()} is false a cache must not be trusted.
 * Reconnects with backoff. Payloads are opaque ids, never personal data.
 */
public final class ClusterNotifications implements SmartLifecycle {

    /** Opens the dedicated connection (and sets it up, e.g. its role); the listener owns and closes it. */
    @FunctionalInterface
    public interface Opener {
        Connection open() throws SQLException;
    }

    /** What a cache does when a notification arrives on its channel, and when it must forget everything. */
    public interface Subscriber {
        void notified(String payload);

        void reset();
    }

    private static final Logger log = LoggerFactory.getLogger(ClusterNotifications.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{1,62}");
    private static final int POLL_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final String name;
    private final Opener opener;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final WorkerThread worker;
    private volatile boolean listening;
    private volatile boolean resubscribe;
    private volatile @Nullable Connection connection;

    public ClusterNotifications(String name, Opener opener) {
        this.name = name;
        this.opener = opener;
        this.worker = new WorkerThread(name);
    }

    /** An opener for the application's own database (the schema owner), named for {@code pg_stat_activity}. */
    public static Opener connectingTo(DatabaseEndpoint endpoint, String applicationName) {
        return () -> {
            Properties props = new Properties();
            props.setProperty("user", endpoint.user());
            props.setProperty("password", endpoint.password());
            props.setProperty("ApplicationName", applicationName);
            Connection c = new org.postgresql.Driver().connect(endpoint.url(), props);
            if (c == null) {
                throw new SQLException("The database URL is not a PostgreSQL URL");
            }
            return c;
        };
    }

    /**
     * Notifies every node listening on {@code channel}, delivered when the caller's transaction commits (at once
     * without one).
     */
    public static void send(JdbcClient jdbc, String channel, String payload) {
        jdbc.sql("SELECT pg_notify(:channel, :payload)").param("channel", channel).param("payload", payload)
                .query().singleRow();
    }

    /** Adds a subscriber; subscribing after the listener started makes it listen anew (and reset everyone). */
    public void subscribe(String channel, Subscriber subscriber) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("A channel name is lower-case letters, digits and underscores");
        }
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(subscriber);
        if (worker.running()) {
            resubscribe = true;
        }
    }

    /** Whether the LISTEN is in place right now: only then may a cache kept coherent by it be trusted. */
    public boolean isListening() {
        return listening;
    }

    @Override
    public void start() {
        worker.start(this::run);
    }

    @Override
    public void stop() {
        // the thread polls every POLL_MILLIS and sees that it should stop; close its connection only if it hangs
        Duration patience = Duration.ofMillis(4L * POLL_MILLIS);
        if (!worker.stop(patience)) {
            closeQuietly(connection);
            if (!worker.awaitEnd(patience)) {
                log.warn("Listener {} did not stop in time; it is a daemon thread and ends with the JVM", name);
            }
        }
        listening = false;
        resetAll();
    }

    @Override
    public boolean isRunning() {
        return worker.running();
    }

    private void run() {
        long backoff = 250;
        while (worker.running()) {
            try (Connection c = opener.open()) {
                connection = c;
                resubscribe = false;
                try (Statement s = c.createStatement()) {
                    for (String channel : subscribers.keySet()) {
                        s.execute("LISTEN " + channel);
                    }
                }
                resetAll();
                listening = true;
                backoff = 250;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (worker.running() && !resubscribe) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            deliver(n.getName(), n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                resetAll();
                if (!worker.running()) {
                    break;
                }
                log.warn("Listener {} lost its database connection ({}); reconnecting in {} ms", name,
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

    private void deliver(String channel, String payload) {
        for (Subscriber s : subscribers.getOrDefault(channel, List.of())) {
            try {
                s.notified(payload);
            } catch (RuntimeException e) {
                s.reset();
            }
        }
    }

    private void resetAll() {
        subscribers.values().forEach(list -> list.forEach(Subscriber::reset));
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
