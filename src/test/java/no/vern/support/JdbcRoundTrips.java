package no.vern.support;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts what the PostgreSQL driver sends from the current thread while some work runs (issue 28 item 5): each
 * {@code Sync} message ends one round trip (the driver then waits for the server's answer), each {@code Execute}
 * is one statement (a JDBC batch is several statements in one round trip). Read from pgjdbc's own protocol trace
 * ({@code FE=> Sync}, {@code FE=> Execute} at {@code FINEST} on its query executor's logger), switched on only
 * while the work runs and kept from every other handler: the trace carries bound values (ciphertexts, hashes).
 * Other threads (the audit sealer, jobs) are not counted.
 */
public final class JdbcRoundTrips {

    private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");

    /** What one piece of work sent. */
    public record Count(int roundTrips, int statements) {
    }

    private JdbcRoundTrips() {
    }

    /** Runs the work on this thread and counts the round trips and statements it made. */
    public static Count of(Runnable work) {
        Counting counting = start();
        try {
            work.run();
        } finally {
            counting.stop();
        }
        return counting.stop();
    }

    /**
     * Starts counting what this thread sends, e.g. inside a transaction once its connection is taken from the pool (a
     * pool may check an idle connection with a round trip of its own when it hands it out); {@link Counting#stop} ends
     * it, e.g. after the commit.
     */
    public static Counting start() {
        return new Counting(Thread.currentThread().getId());
    }

    /** One count under way; only one at a time in the JVM. */
    public static final class Counting {

        private static final Object ONE_AT_A_TIME = new Object();
        private static boolean running;

        private final long thread;
        private final AtomicInteger syncs = new AtomicInteger();
        private final AtomicInteger executes = new AtomicInteger();
        private final Handler counter;
        private final Level level;
        private final boolean parents;
        private boolean stopped;

        private Counting(long thread) {
            synchronized (ONE_AT_A_TIME) {
                if (running) {
                    throw new IllegalStateException("one count at a time");
                }
                running = true;
            }
            this.thread = thread;
            this.counter = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    if (record.getLongThreadID() != Counting.this.thread || record.getMessage() == null) {
                        return;
                    }
                    if (record.getMessage().startsWith(" FE=> Sync")) {
                        syncs.incrementAndGet();
                    } else if (record.getMessage().startsWith(" FE=> Execute")) {
                        executes.incrementAndGet();
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            counter.setLevel(Level.ALL);
            this.level = DRIVER.getLevel();
            this.parents = DRIVER.getUseParentHandlers();
            DRIVER.setUseParentHandlers(false);
            DRIVER.addHandler(counter);
            DRIVER.setLevel(Level.FINEST);
        }

        /** Ends the count (again: the same count) and gives it. */
        public Count stop() {
            synchronized (ONE_AT_A_TIME) {
                if (!stopped) {
                    stopped = true;
                    DRIVER.setLevel(level);
                    DRIVER.removeHandler(counter);
                    DRIVER.setUseParentHandlers(parents);
                    running = false;
                }
            }
            return new Count(syncs.get(), executes.get());
        }
    }
}
