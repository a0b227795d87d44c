package no.vern.audit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import no.vern.shared.WorkerThread;

/**
 * Group commit of audit entries for reads (consent checks, lookups): one writer thread per node takes every entry
 * that arrived while its previous batch was committing (and, with a non-zero {@code linger}, what arrives a moment
 * later), writes them with one multi-row statement in autocommit (one round trip that is also the commit). Each caller waits until its
 * own batch has committed ({@link #append}) and only then answers, so an answer that was given always has its
 * entry: a crash loses only entries whose callers never got an answer. The entries are inserted exactly as
 * {@link JdbcAuditLog} inserts one (transaction id before entry id), so the {@link Sealer} chains them like any
 * other. The batch size is measured ({@code vern.audit.group-commit.batch}, entries per transaction).
 */
final class GroupCommitWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);

    /** One entry waiting for its batch. */
    private record Pending(JdbcAuditLog.Row row, CompletableFuture<Void> done) {
    }

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final JdbcTemplate jdbc;
    private final long lingerNanos;
    private final int maxBatch;
    private final Duration timeout;
    private final DistributionSummary batchSizes;
    private final WorkerThread worker = new WorkerThread("vern-audit-group-commit");

    GroupCommitWriter(JdbcTemplate jdbc, AuditProperties.GroupCommit settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.lingerNanos = settings.linger().toNanos();
        this.maxBatch = Math.max(1, settings.maxBatch());
        this.timeout = settings.timeout();
        this.batchSizes = DistributionSummary.builder("vern.audit.group-commit.batch")
                .description("Audit entries of reads written and committed together in one transaction")
                .baseUnit("entries").publishPercentiles(0.5, 0.99).register(meters);
    }

    /**
     * Appends the entry and returns once the transaction holding it has committed. Without a running writer
     * (before start, after stop) the entry is written at once in a transaction of its own.
     *
     * @throws IllegalStateException if the batch failed or did not commit within the timeout: the caller must not
     *         answer as if the read had been recorded
     */
    void append(JdbcAuditLog.Row row) {
        if (!worker.running()) {
            write(List.of(row));
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(row, done));
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the audit entry was being written", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The audit entry could not be written", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The audit entry was not committed within " + timeout);
        }
    }

    /** The batch sizes so far (for tests and the benchmark's report). */
    DistributionSummary batchSizes() {
        return batchSizes;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (worker.running() || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - batch.size());
                if (lingerNanos > 0) {
                    long until = System.nanoTime() + lingerNanos;
                    while (batch.size() < maxBatch) {
                        long left = until - System.nanoTime();
                        Pending next = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                        batch.add(next);
                        queue.drainTo(batch, maxBatch - batch.size());
                    }
                }
                flush(batch);
            } catch (InterruptedException e) {
                // stop() interrupts a waiting writer; the loop drains what is left and ends
                if (!worker.running()) {
                    flush(batch);
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void flush(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            write(batch.stream().map(Pending::row).toList());
            batchSizes.record(batch.size());
            batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException e) {
            log.warn("A batch of {} audit entries could not be written ({}); their requests fail", batch.size(),
                    e.getClass().getSimpleName());
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    /** One multi-row statement in autocommit: one round trip, which is also the commit. */
    private void write(List<JdbcAuditLog.Row> rows) {
        JdbcAuditLog.insertMany(jdbc, rows);
    }

    @Override
    public void start() {
        worker.start(this::run);
    }

    @Override
    public void stop() {
        worker.stop(timeout);
        // Anything still queued (the writer gave up) is written here, so no waiting caller is left hanging.
        List<Pending> rest = new ArrayList<>();
        queue.drainTo(rest);
        flush(rest);
    }

    @Override
    public boolean isRunning() {
        return worker.running();
    }

    /** Stops after the web server (which stops late) so that requests in flight still get their entries written. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
