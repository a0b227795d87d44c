package no.vern.audit.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs a sealing pass on this node every {@code vern.audit.sealer.interval} (250 ms by default).
 * Every node runs one; the advisory lock lets only one seal at a time, and a pass that finds the
 * lock taken simply returns.
 */
@Component
class SealerSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SealerSchedule.class);

    private final Sealer sealer;
    private final AuditProperties properties;
    private @Nullable ScheduledExecutorService executor;
    private int failuresInARow;

    SealerSchedule(Sealer sealer, AuditProperties properties) {
        this.sealer = sealer;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (!properties.sealer().enabled() || executor != null) {
            return;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-sealer");
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(10, properties.sealer().interval().toMillis());
        scheduler.scheduleWithFixedDelay(this::pass, interval, interval, TimeUnit.MILLISECONDS);
        executor = scheduler;
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService scheduler = executor;
        executor = null;
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void pass() {
        try {
            sealer.sealIfFree();
            failuresInARow = 0;
        } catch (RuntimeException e) {
            // Never let an exception cancel the schedule; the message holds no entry content.
            if (failuresInARow++ % 40 == 0) {
                log.warn("Sealing the audit chain failed ({} in a row): {}", failuresInARow, e.getClass().getName());
            }
        }
    }
}
