package no.vern.shared;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The one way a node-wide component runs a background loop on a thread of its own (the audit's group-commit
 * writer, the LISTEN connection of {@link ClusterNotifications}): a named daemon thread started and stopped by
 * the component's Spring lifecycle. The loop asks {@link #running()} to know when to end; {@link #stop} clears
 * it, interrupts the thread (waking a blocking wait) and waits a bounded time for the loop to finish, so a node
 * shutting down never hangs on it, and a thread that does not end is a daemon that ends with the JVM.
 */
public final class WorkerThread {

    private final String name;
    private volatile boolean running;
    private volatile @Nullable Thread thread;

    /** A worker whose thread carries {@code name} (shown in thread dumps and JFR). */
    public WorkerThread(String name) {
        this.name = name;
    }

    /** Starts the loop on a new daemon thread; does nothing if it already runs. */
    public synchronized void start(Runnable loop) {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(loop, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Whether the loop should go on: true from {@link #start} until {@link #stop}. */
    public boolean running() {
        return running;
    }

    /**
     * Tells the loop to end, interrupts it and waits at most {@code patience} for it.
     *
     * @return whether the thread has ended (also when it never started); if not, {@link #awaitEnd} waits again
     */
    public synchronized boolean stop(Duration patience) {
        running = false;
        Thread t = thread;
        if (t == null) {
            return true;
        }
        t.interrupt();
        return awaitEnd(patience);
    }

    /** Waits at most {@code patience} for a stopped loop's thread to end; whether it has. */
    public boolean awaitEnd(Duration patience) {
        Thread t = thread;
        if (t == null) {
            return true;
        }
        try {
            t.join(Math.max(1, patience.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            return false;
        }
        thread = null;
        return true;
    }
}
