package no.vern.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.shared.Actor;

/**
 * Measures (does not assert) how fast the audit log appends, seals and verifies, against a
 * baseline measured in the same run on the same database: plain INSERTs of the same rows into an
 * unchained scratch table, from the same number of threads, each row in its own transaction.
 *
 * <p>Skipped unless {@code -Dvern.bench=true}; {@code -Dvern.bench.threads} (8) and
 * {@code -Dvern.bench.rows} (rows per thread per round, 1000) and {@code -Dvern.bench.rounds} (8) tune it. The background sealer is
 * switched off here; a thread calling {@link AuditChain#sealPending()} every 250 ms plays its
 * part during the append rounds, as on a real node.
 */
@SpringBootTest(properties = "vern.audit.sealer.enabled=false")
@EnabledIfSystemProperty(named = "vern.bench", matches = "true")
class AuditThroughputBenchmark {

    private static final Actor ACTOR = new Actor(Actor.Kind.STAFF, "bench-user");

    @Autowired
    AuditLog log;
    @Autowired
    AuditChain chain;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    private final int threads = Integer.getInteger("vern.bench.threads", 8);
    private final int rows = Integer.getInteger("vern.bench.rows", 1000);
    private final int rounds = Integer.getInteger("vern.bench.rounds", 8);
    private final List<String> report = new ArrayList<>();

    @Test
    void measuresAppendSealAndVerifyThroughput() throws Exception {
        JdbcClient.create(owner).sql("""
                CREATE TABLE IF NOT EXISTS audit_bench_plain (
                    id BIGSERIAL PRIMARY KEY, occurred_at TIMESTAMPTZ NOT NULL, actor TEXT NOT NULL,
                    action TEXT NOT NULL, outcome TEXT NOT NULL, purpose TEXT, targets TEXT[] NOT NULL,
                    request_id TEXT)
                """).update();
        // The same table again with audit_entry's secondary indexes: separates their cost from the chain's.
        JdbcClient.create(owner).sql("CREATE TABLE IF NOT EXISTS audit_bench_indexed (LIKE audit_bench_plain INCLUDING ALL)")
                .update();
        JdbcClient.create(owner).sql("CREATE INDEX ON audit_bench_indexed (occurred_at)").update();
        JdbcClient.create(owner).sql("CREATE INDEX ON audit_bench_indexed (actor, id)").update();
        JdbcClient.create(owner).sql("CREATE INDEX ON audit_bench_indexed USING gin (targets)").update();
        JdbcClient.create(owner).sql("GRANT SELECT, INSERT ON audit_bench_plain, audit_bench_indexed TO vern_app")
                .update();
        JdbcClient.create(owner).sql("GRANT USAGE ON SEQUENCE audit_bench_plain_id_seq TO vern_app").update();
        var tx = new TransactionTemplate(transactions);

        // Warm-up: JIT, pools, plan caches.
        run(200, (t, i) -> tx.executeWithoutResult(s -> plainInsert("audit_bench_plain", t, i)));
        run(200, (t, i) -> tx.executeWithoutResult(s -> plainInsert("audit_bench_indexed", t, i)));
        run(200, (t, i) -> tx.executeWithoutResult(s -> log.record(event(t, i))));
        chain.sealPending();

        line("machine: %d available processors, %d writer threads x %d rows per round, each row its own transaction",
                Runtime.getRuntime().availableProcessors(), threads, rows);
        // Short interleaved rounds: other processes on a shared machine slow all three alike within a
        // round, so the per-round ratios are steadier than the totals; the median ratio is reported.
        List<Double> vsPlain = new ArrayList<>();
        List<Double> vsIndexed = new ArrayList<>();
        double baselineTotal = 0;
        double indexedTotal = 0;
        double auditTotal = 0;
        double endToEndTotal = 0;
        for (int round = 1; round <= rounds; round++) {
            double baseline = run(rows, (t, i) -> tx.executeWithoutResult(s -> plainInsert("audit_bench_plain", t, i)));
            double indexed = run(rows,
                    (t, i) -> tx.executeWithoutResult(s -> plainInsert("audit_bench_indexed", t, i)));
            AtomicBoolean writing = new AtomicBoolean(true);
            Thread sealer = sealerThread(writing);
            long start = System.nanoTime();
            double audit = run(rows, (t, i) -> tx.executeWithoutResult(s -> log.record(event(t, i))));
            writing.set(false);
            sealer.join();
            chain.sealPending();
            double endToEnd = threads * rows / seconds(start);
            baselineTotal += baseline;
            indexedTotal += indexed;
            auditTotal += audit;
            endToEndTotal += endToEnd;
            vsPlain.add(audit / baseline);
            vsIndexed.add(audit / indexed);
            line("round %d: audit append: %.0f entries/s (baseline plain insert: %.0f/s, with the same indexes: "
                    + "%.0f/s) = %.2fx; appended and sealed end to end: %.0f entries/s", round, audit, baseline,
                    indexed, audit / baseline, endToEnd);
        }
        line("audit append: %.0f entries/s (baseline plain insert: %.0f/s) = %.2fx (means of %d rounds; median "
                + "of the per-round ratios %.2fx)", auditTotal / rounds, baselineTotal / rounds,
                auditTotal / baselineTotal, rounds, median(vsPlain));
        line("audit append vs. the same rows and indexes without the chain: %.0f/s vs %.0f/s = %.2fx "
                + "(median per-round ratio %.2fx)", auditTotal / rounds, indexedTotal / rounds,
                auditTotal / indexedTotal, median(vsIndexed));
        line("appended and sealed end to end (writers plus a sealer pass every 250 ms): %.0f entries/s",
                endToEndTotal / rounds);

        // Sealing alone: a backlog appended while no sealer runs, then sealed in batches of 5000.
        run(2500, (t, i) -> tx.executeWithoutResult(s -> log.record(event(t, i))));
        long unsealed = chain.unsealedCount();
        long start = System.nanoTime();
        int sealed = chain.sealPending();
        line("sealing: %d entries in %.2f s = %.0f entries/s (backlog was %d)", sealed, seconds(start),
                sealed / seconds(start), unsealed);

        start = System.nanoTime();
        AuditVerification verification = chain.verify();
        line("verification: %d entries in %.2f s = %.0f entries/s (ok=%s)", verification.entriesChecked(),
                seconds(start), verification.entriesChecked() / seconds(start), verification.ok());

        JdbcClient.create(owner).sql("DROP TABLE audit_bench_plain, audit_bench_indexed").update();
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/audit-benchmark.txt"), report);
    }

    /** Writes one row of the given thread; the benchmark's unit of work. */
    @FunctionalInterface
    private interface Work {
        void run(int thread, int index) throws Exception;
    }

    /** Runs {@code perThread} units on each writer thread and returns units per second. */
    private double run(int perThread, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        work.run(thread, i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return threads * perThread / seconds(start);
        } finally {
            pool.shutdownNow();
        }
    }

    private Thread sealerThread(AtomicBoolean writing) {
        Thread sealer = new Thread(() -> {
            while (writing.get()) {
                chain.sealPending();
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-sealer");
        sealer.start();
        return sealer;
    }

    private static AuditEvent event(int thread, int index) {
        return AuditEvent.by(ACTOR, "register.subject.read", Outcome.SUCCESS).withPurpose("customer-contact")
                .withTargets("subject:" + new java.util.UUID(thread, index));
    }

    private void plainInsert(String table, int thread, int index) {
        AuditEvent e = event(thread, index);
        jdbc.sql("""
                INSERT INTO %s (occurred_at, actor, action, outcome, purpose, targets, request_id)
                VALUES (now(), :actor, :action, :outcome, :purpose, string_to_array(CAST(:targets AS text), ','), NULL)
                """.formatted(table)).param("actor", e.actor().reference()).param("action", e.action())
                .param("outcome", e.outcome().name()).param("purpose", e.purpose())
                .param("targets", String.join(",", e.targets())).update();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void line(String format, Object... args) throws IOException {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        report.add(text);
    }
}
