package no.vern.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.crypto.SubjectCipher;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.shared.SubjectId;
import no.vern.support.VernTest;

/**
 * Rough measurements for issue 4 (no timed assertions): encrypted register writes against a
 * plaintext insert of the same rows on the same database in the same run, and erasure of a subject
 * with 10 against 10,000 records. Skipped unless {@code -Dvern.bench=true}; run {@code bench/run.sh}.
 */
@VernTest
@EnabledIfSystemProperty(named = "vern.bench", matches = "true")
class RegisterBenchmark {

    private final int subjects = Integer.getInteger("vern.bench.subjects", 1000);
    private final int rounds = Integer.getInteger("vern.bench.rounds", 5);

    @Autowired
    SubjectRegister register;
    @Autowired
    SubjectCipher cipher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Test
    void measure() throws Exception {
        JdbcClient ownerJdbc = JdbcClient.create(owner);
        ownerJdbc.sql("""
                CREATE TABLE IF NOT EXISTS bench_plain_subject (id UUID PRIMARY KEY, kinds TEXT[] NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, version BIGINT NOT NULL)
                """).update();
        ownerJdbc.sql("""
                CREATE TABLE IF NOT EXISTS bench_plain_record (subject_id UUID NOT NULL, id UUID NOT NULL,
                    category TEXT NOT NULL, value TEXT NOT NULL, source TEXT NOT NULL, purposes TEXT[] NOT NULL,
                    legal_basis TEXT NOT NULL, collected_at TIMESTAMPTZ NOT NULL, confirmed_at TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (subject_id, id))
                """).update();
        ownerJdbc.sql("GRANT ALL ON bench_plain_subject, bench_plain_record TO vern_app").update();

        // warm-up of both paths
        writeEncrypted(100, "warm");
        writePlain(100, "warm");

        List<Double> encrypted = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            encrypted.add(writeEncrypted(subjects, "r" + r));
            plain.add(writePlain(subjects, "r" + r));
        }
        double enc = median(encrypted);
        double base = median(plain);

        List<Double> small = new ArrayList<>();
        List<Double> large = new ArrayList<>();
        eraseMillis(10); // warm-up
        for (int r = 0; r < rounds; r++) {
            small.add(eraseMillis(10));
            large.add(eraseMillis(10_000));
        }
        double e10 = median(small);
        double e10k = median(large);

        String write = String.format(Locale.ROOT,
                "register write (encrypted): %.0f subjects/s (baseline plaintext insert: %.0f/s) = %.2fx", enc, base,
                enc / base);
        String erase = String.format(Locale.ROOT, "erasure 10 records: %.1f ms; erasure 10,000 records: %.1f ms = %.1fx",
                e10, e10k, e10k / e10);
        System.out.println(write);
        System.out.println(erase);
        Path out = Path.of("target/register-bench.txt");
        Files.writeString(out, LocalDate.now() + " (" + Runtime.getRuntime().availableProcessors() + " cores, "
                + subjects + " subjects x " + rounds + " rounds, medians)\n" + write + "\n" + erase + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        ownerJdbc.sql("DROP TABLE bench_plain_record, bench_plain_subject").update();
    }

    /** Subjects per second through the register: validation, encryption, blind indexes, history, audit, event. */
    private double writeEncrypted(int n, String tag) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), "customer-administration",
                    Source.CUSTOMER, null, PersonalData.contact("Bench Person " + i,
                            "bench." + tag + "." + i + "." + UUID.randomUUID().toString().substring(0, 6) + "@example.no",
                            "+47 9" + String.format(Locale.ROOT, "%07d", i))));
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** The same rows (a subject and its three records), in plaintext, one transaction per subject. */
    private double writePlain(int n, String tag) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int k = i;
            tx.executeWithoutResult(s -> {
                UUID id = UUID.randomUUID();
                OffsetDateTime now = OffsetDateTime.now();
                jdbc.sql("""
                        INSERT INTO bench_plain_subject (id, kinds, created_at, updated_at, version)
                        VALUES (:id, ARRAY['CUSTOMER_CONTACT']::text[], :now, :now, 1)
                        """).param("id", id).param("now", now).update();
                String[][] values = { { "name", "Bench Person " + k },
                        { "email", "bench." + tag + "." + k + "@example.no" },
                        { "phone", "+479" + String.format(Locale.ROOT, "%07d", k) } };
                for (String[] v : values) {
                    jdbc.sql("""
                            INSERT INTO bench_plain_record (subject_id, id, category, value, source, purposes,
                                legal_basis, collected_at, confirmed_at)
                            VALUES (:s, :id, :c, :v, 'CUSTOMER', ARRAY['customer-administration']::text[], 'CONTRACT',
                                    :now, :now)
                            """).param("s", id).param("id", UUID.randomUUID()).param("c", v[0]).param("v", v[1])
                            .param("now", now).update();
                }
            });
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Milliseconds of {@code erase} for a subject holding this many encrypted records. */
    private double eraseMillis(int records) {
        SubjectId subject = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-administration", Source.CUSTOMER, null, PersonalData.contact("Bench Erase", null, null)));
        tx.executeWithoutResult(s -> {
            OffsetDateTime now = OffsetDateTime.now();
            for (int i = 1; i < records; i++) {
                UUID id = UUID.randomUUID();
                jdbc.sql("""
                        INSERT INTO register_record (subject_id, id, category, ciphertext, source, purposes, legal_basis,
                                                     collected_at, confirmed_at)
                        VALUES (:s, :id, 'purchase-history', :c, 'CUSTOMER', ARRAY['customer-administration']::text[],
                                'CONTRACT', :now, :now)
                        """).param("s", subject.value()).param("id", id)
                        .param("c", cipher.encryptText(subject, "purchase-history", id, "Order " + i))
                        .param("now", now).update();
            }
        });
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
