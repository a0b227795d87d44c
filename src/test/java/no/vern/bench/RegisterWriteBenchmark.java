package no.vern.bench;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;

/**
 * An encrypted register write ({@link SubjectRegister#register} of a customer contact with name, email and phone:
 * validation, purpose check, a new data key, three encryptions, two blind indexes, history, event, audit) against a
 * plaintext insert of the same rows (one subject row and three record rows) into scratch tables of the same shape,
 * one transaction per subject on both sides, one thread, interleaved rounds, on the loaded database.
 */
final class RegisterWriteBenchmark implements Benchmark {

    /** What the CPU figures count. */
    static final String CPU_NOTE = "harness JVM + server JVM + their PostgreSQL (postmaster and backends), from /proc";

    private final int perRound;

    /**
     * CPU milliseconds so far of the harness JVM (where the in-process benchmarks run), the server JVM and the
     * database: far less sensitive to the machine's other load than wall time.
     */
    static double cpuMillis(BenchContext c) {
        return ProcCpu.treeMillis(ProcessHandle.current().pid()) + c.server().cpuMillis();
    }

    RegisterWriteBenchmark(int perRound) {
        this.perRound = perRound;
    }

    @Override
    public String name() {
        return "register write";
    }

    @Override
    public List<Figure> run(BenchContext c) throws Exception {
        SubjectRegister register = c.bean(SubjectRegister.class);
        JdbcTemplate owner = new JdbcTemplate(c.bean("ownerDataSource", DataSource.class));
        JdbcTemplate jdbc = new JdbcTemplate(c.bean(DataSource.class));
        TransactionTemplate tx = new TransactionTemplate(c.bean(PlatformTransactionManager.class));
        owner.execute("""
                CREATE TABLE IF NOT EXISTS bench_plain_subject (id UUID PRIMARY KEY, kinds TEXT[] NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, version BIGINT NOT NULL)
                """);
        owner.execute("""
                CREATE TABLE IF NOT EXISTS bench_plain_record (subject_id UUID NOT NULL, id UUID NOT NULL,
                    category TEXT NOT NULL, value TEXT NOT NULL, source TEXT NOT NULL, purposes TEXT[] NOT NULL,
                    legal_basis TEXT NOT NULL, collected_at TIMESTAMPTZ NOT NULL, confirmed_at TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (subject_id, id))
                """);
        owner.execute("GRANT ALL ON bench_plain_subject, bench_plain_record TO vern_app");
        try {
            Load one = c.load().withThreads(1);
            Load.Op encrypted = (t, i) -> register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                    "customer-administration", Source.CUSTOMER, null,
                    PersonalData.contact("Bench " + SyntheticRegister.name(i), "w." + i + "." + UUID.randomUUID()
                            .toString().substring(0, 8) + "@bench.example", String.format(Locale.ROOT, "+47 9%07d",
                                    i % 10_000_000))));
            Load.Op plain = (t, i) -> tx.executeWithoutResult(s -> {
                UUID id = UUID.randomUUID();
                Timestamp now = Timestamp.from(Instant.now());
                jdbc.update("INSERT INTO bench_plain_subject (id, kinds, created_at, updated_at, version) "
                        + "VALUES (?, ARRAY['CUSTOMER_CONTACT']::text[], ?, ?, 1)", id, now, now);
                String[][] values = { { "name", "Bench " + SyntheticRegister.name(i) },
                        { "email", "w." + i + "@bench.example" },
                        { "phone", String.format(Locale.ROOT, "+479%07d", i % 10_000_000) } };
                for (String[] v : values) {
                    jdbc.update("""
                            INSERT INTO bench_plain_record (subject_id, id, category, value, source, purposes,
                                legal_basis, collected_at, confirmed_at)
                            VALUES (?, ?, ?, ?, 'CUSTOMER', ARRAY['customer-administration']::text[], 'CONTRACT', ?, ?)
                            """, id, UUID.randomUUID(), v[0], v[1], now, now);
                }
            });
            // Warm-up until the throughput is stable (the JIT compiles the write path; before that the figure mostly
            // measures the compiler, whose CPU the harness JVM pays while the first few hundred writes run).
            int maxWarmup = Math.min(30, Integer.getInteger("vern.bench.warmup-max", 60));
            // At least 10 s: two slow one-second slices in a row (the compiler still at work) look "stable" too.
            int minWarmup = Math.max(10, c.load().warmupSeconds());
            Load.Warmup warmEnc = one.warmUntilStable(encrypted, minWarmup, maxWarmup);
            Load.Warmup warmPlain = one.warmUntilStable(plain, minWarmup, maxWarmup);
            List<Load.Result> enc = new ArrayList<>();
            List<Load.Result> base = new ArrayList<>();
            double encCpu = 0;
            double baseCpu = 0;
            double encHarness = 0;
            for (int r = 0; r < c.rounds(); r++) {
                double before = cpuMillis(c);
                double harnessBefore = ProcCpu.treeMillis(ProcessHandle.current().pid());
                enc.add(one.fixed(encrypted, perRound));
                double middle = cpuMillis(c);
                encHarness += ProcCpu.treeMillis(ProcessHandle.current().pid()) - harnessBefore;
                base.add(one.fixed(plain, perRound));
                encCpu += middle - before;
                baseCpu += cpuMillis(c) - middle;
            }
            int calls = c.rounds() * perRound;
            Load.Result e = ConsentCheckBenchmark.mean(enc);
            Load.Result b = ConsentCheckBenchmark.mean(base);
            String shape = String.format(Locale.ROOT, "1 thread, %d x %d subjects, a transaction each, after a warm-up "
                    + "of %.0f s (%s) and %.0f s (%s)", c.rounds(), perRound, warmEnc.seconds(),
                    warmEnc.stable() ? "stable" : "not stable", warmPlain.seconds(),
                    warmPlain.stable() ? "stable" : "not stable");
            return List.of(
                    Figure.of("register write vs plaintext", e.perSecond(), "subjects/s", "plaintext insert",
                            b.perSecond(), true, shape + "; goal: cost <= 1.3x plaintext, i.e. ratio >= 0.77x"),
                    Figure.of("register write p50", e.p50Millis(), "ms", "plaintext insert p50", b.p50Millis(), false,
                            ""),
                    Figure.of("register write CPU per subject", encCpu / calls, "ms", "plaintext insert CPU per subject",
                            baseCpu / calls, false, String.format(Locale.ROOT,
                                    "%s; of the encrypted write's, the harness JVM (where it runs) %.2f ms", CPU_NOTE,
                                    encHarness / calls)));
        } finally {
            owner.execute("DROP TABLE IF EXISTS bench_plain_record, bench_plain_subject");
        }
    }
}
