package no.vern.bench;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.crypto.SubjectCipher;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.shared.SubjectId;

/**
 * Crypto-shred erasure ({@link SubjectRegister#erase}: mark, shred the key, delete the blind indexes, event,
 * audit; the unreadable ciphertext rows are left to the recovery job, issue 28 item 7) of a subject holding 10,000
 * encrypted records against one holding 10, in the loaded register; medians of interleaved rounds. Should be flat:
 * the key is destroyed first and no step of the call grows with the number of records.
 */
final class ErasureBenchmark implements Benchmark {

    @Override
    public String name() {
        return "erasure";
    }

    @Override
    public List<Figure> run(BenchContext c) throws Exception {
        SubjectRegister register = c.bean(SubjectRegister.class);
        SubjectCipher cipher = c.bean(SubjectCipher.class);
        JdbcTemplate jdbc = new JdbcTemplate(c.bean(DataSource.class));
        TransactionTemplate tx = new TransactionTemplate(c.bean(PlatformTransactionManager.class));
        // Issue 28 item 7: the figure is a 7-15 ms call whose spread between runs was larger than the goal's margin
        // (0.93x, 1.29x, 1.50x in three quiet runs of the same code); nine rounds and the CPU per erasure beside it.
        int rounds = Math.max(9, c.rounds() + 7);
        if (Boolean.getBoolean("vern.bench.erasure-diagnose")) {
            diagnose(c, register, cipher, jdbc, tx);
        }
        erase(c, register, prepare(register, cipher, jdbc, tx, 10), null); // warm-up
        erase(c, register, prepare(register, cipher, jdbc, tx, 10_000), null);
        List<Double> small = new ArrayList<>();
        List<Double> large = new ArrayList<>();
        List<Double> smallCpu = new ArrayList<>();
        List<Double> largeCpu = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            // Both subjects are set up before either is erased, and the order alternates: each erasure then runs as
            // soon after the round's 10,000-row insert as the other does on the next round, so the database's work
            // after that insert (WAL, autovacuum) weighs on both sizes alike instead of on the large one only.
            SubjectId few = prepare(register, cipher, jdbc, tx, 10);
            SubjectId many = prepare(register, cipher, jdbc, tx, 10_000);
            if (r % 2 == 0) {
                small.add(erase(c, register, few, smallCpu));
                large.add(erase(c, register, many, largeCpu));
            } else {
                large.add(erase(c, register, many, largeCpu));
                small.add(erase(c, register, few, smallCpu));
            }
        }
        return List.of(Figure.of("erasure 10000 vs 10 records", median(large), "ms", "10 records",
                median(small), false, String.format(java.util.Locale.ROOT, "medians of %d rounds, both subjects set up"
                        + " before either is erased, order alternating; each round %s vs %s ms; CPU per erasure (mean of the"
                        + " rounds: /proc counts in 10 ms ticks; %s) %.1f vs %.1f ms; goal <= 1.2x", rounds,
                        rounded(large), rounded(small), RegisterWriteBenchmark.CPU_NOTE, mean(largeCpu),
                        mean(smallCpu))));
    }

    private static void diagnose(BenchContext c, SubjectRegister register, SubjectCipher cipher, JdbcTemplate jdbc,
            TransactionTemplate tx) throws Exception {
        ErasureDiagnosis d = new ErasureDiagnosis(c);
        JdbcTemplate owner = new JdbcTemplate(c.bean("ownerDataSource", DataSource.class));
        d.steps(prepare(register, cipher, jdbc, tx, 10)); // warm-up
        d.steps(prepare(register, cipher, jdbc, tx, 10_000));
        for (int r = 0; r < 4; r++) {
            System.out.println("diagnosis round " + r + ":");
            if (r == 0) {
                d.explain(prepare(register, cipher, jdbc, tx, 10), "10 records");
                d.explain(prepare(register, cipher, jdbc, tx, 10_000), "10,000 records, just inserted");
            }
            SubjectId small = prepare(register, cipher, jdbc, tx, 10);
            System.out.println("  10 records, just inserted: " + ErasureDiagnosis.format(d.steps(small)));
            SubjectId large = prepare(register, cipher, jdbc, tx, 10_000);
            System.out.println("  10,000 records, just inserted: " + ErasureDiagnosis.format(d.steps(large)));
            SubjectId settled = prepare(register, cipher, jdbc, tx, 10_000);
            Thread.sleep(5_000);
            System.out.println("  10,000 records, 5 s after the insert: " + ErasureDiagnosis.format(d.steps(settled)));
            SubjectId smallAfter = prepare(register, cipher, jdbc, tx, 10);
            SubjectId other = prepare(register, cipher, jdbc, tx, 10_000);
            System.out.println("  10 records, just after another subject's 10,000 were inserted: "
                    + ErasureDiagnosis.format(d.steps(smallAfter)));
            d.steps(other);
            System.out.println("  register_record: " + owner.queryForMap("""
                    SELECT n_live_tup, n_dead_tup, n_mod_since_analyze, n_ins_since_vacuum, autovacuum_count,
                           autoanalyze_count, last_autovacuum, last_autoanalyze
                    FROM pg_stat_user_tables WHERE relname = 'register_record'"""));
        }
    }

    /** Milliseconds of one erasure through the register's API; its CPU milliseconds are added to {@code cpu}. */
    private static double erase(BenchContext c, SubjectRegister register, SubjectId subject,
            @org.jspecify.annotations.Nullable List<Double> cpu) {
        double cpu0 = RegisterWriteBenchmark.cpuMillis(c);
        long start = System.nanoTime();
        register.erase(subject);
        double ms = (System.nanoTime() - start) / 1e6;
        if (cpu != null) {
            cpu.add(RegisterWriteBenchmark.cpuMillis(c) - cpu0);
        }
        return ms;
    }

    private static String rounded(List<Double> values) {
        return values.stream().map(v -> String.format(java.util.Locale.ROOT, "%.1f", v))
                .collect(java.util.stream.Collectors.joining("/"));
    }

    /** A subject holding {@code records} records (one registered, the rest inserted in one batch). */
    private static SubjectId prepare(SubjectRegister register, SubjectCipher cipher, JdbcTemplate jdbc,
            TransactionTemplate tx, int records) {
        SubjectId subject = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-administration", Source.CUSTOMER, null, PersonalData.contact("Bench Erase", null, null)));
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i < records; i++) {
            UUID id = UUID.randomUUID();
            rows.add(new Object[] { subject.value(), id,
                    cipher.encryptText(subject, "purchase-history", id, "Ordre " + i + ": 1 x skjerm, 2 490 kr"),
                    now, now });
        }
        tx.executeWithoutResult(s -> jdbc.batchUpdate("""
                INSERT INTO register_record (subject_id, id, category, ciphertext, source, purposes, legal_basis,
                                             collected_at, confirmed_at)
                VALUES (?, ?, 'purchase-history', ?, 'CUSTOMER', ARRAY['customer-administration']::text[],
                        'CONTRACT', ?, ?)
                """, rows));
        return subject;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
