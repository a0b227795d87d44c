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
        int rounds = Math.max(3, c.rounds() + 1);
        erase(register, cipher, jdbc, tx, 10); // warm-up
        List<Double> small = new ArrayList<>();
        List<Double> large = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            small.add(erase(register, cipher, jdbc, tx, 10));
            large.add(erase(register, cipher, jdbc, tx, 10_000));
        }
        return List.of(Figure.of("erasure 10000 vs 10 records", median(large), "ms", "10 records",
                median(small), false, "medians of " + rounds + " rounds; goal <= 1.2x"));
    }

    private static double erase(SubjectRegister register, SubjectCipher cipher, JdbcTemplate jdbc,
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
        long start = System.nanoTime();
        register.erase(subject);
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
