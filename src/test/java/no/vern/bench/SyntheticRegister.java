package no.vern.bench;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.crypto.BlindIndex;
import no.vern.crypto.SubjectCipher;
import no.vern.crypto.internal.BulkSubjectKeys;
import no.vern.shared.SubjectId;

/**
 * Loads a synthetic register of invented people through the bounded fast path: the application's own
 * master keyring through {@code BulkSubjectKeys} (one data key per subject, created and wrapped as the crypto module does, stored in one batch) and
 * {@link BlindIndex}, with the rows written in batches of {@value #BATCH} subjects per transaction by a few
 * threads, straight into the register's and the consent ledger's tables (the same rows the register and the ledger
 * write, without their per-call validation, history lines, audit entries and events). On the throw-away embedded
 * database {@code synchronous_commit} is set off while loading and reset before any benchmark runs; the embedded
 * server has it off (and {@code fsync} off) on its command line, which {@code ALTER SYSTEM} does not override, so
 * there it stays off (docs/performance.md, "Durability of the embedded database").
 *
 * <p>Subject {@code i}: a customer contact with name, email and phone (encrypted, email and phone blind-indexed)
 * and {@code i % 4} purchase-history records; every second subject gave consent for {@value #PURPOSE} (import),
 * every tenth of the others gave and withdrew it. {@link #email(int)} gives subject {@code i}'s address.
 */
final class SyntheticRegister {

    static final String PURPOSE = "events";
    static final int BATCH = 200;
    private static final String[] FIRST = { "Kari", "Ola", "Ingrid", "Lars", "Sigrid", "Per", "Astrid", "Nils", "Marte",
            "Jonas", "Ida", "Henrik", "Nora", "Eirik", "Sofie", "Anders", "Thea", "Magnus", "Emma", "Sindre" };
    private static final String[] LAST = { "Nordmann", "Hansen", "Johansen", "Olsen", "Larsen", "Andersen",
            "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen", "Berg", "Haugen", "Hagen", "Johnsen", "Dahl",
            "Bakken", "Lie", "Moen", "Strand" };
    private static final String[] DOMAINS = { "example.no", "example.com", "eksempel.no", "firma.example" };
    private static final String[] ITEMS = { "kontorstol", "skrivebord", "skjerm", "headset", "dokkingstasjon",
            "tastatur" };

    /** How the load went: subjects loaded, rows written and the rate. */
    record Loaded(int subjects, long rows, double seconds, int threads) {
        double subjectsPerSecond() {
            return subjects / seconds;
        }
    }

    private final SubjectCipher cipher;
    private final BulkSubjectKeys keys;
    private final BlindIndex index;
    private final JdbcTemplate jdbc;
    private final JdbcTemplate owner;
    private final TransactionTemplate tx;

    SyntheticRegister(BenchContext context) {
        this.cipher = context.bean(SubjectCipher.class);
        this.keys = new BulkSubjectKeys(context.app());
        this.index = context.bean(BlindIndex.class);
        this.jdbc = new JdbcTemplate(context.bean(DataSource.class));
        this.owner = new JdbcTemplate(context.bean("ownerDataSource", DataSource.class));
        this.tx = new TransactionTemplate(context.bean(PlatformTransactionManager.class));
    }

    /** Subject i's email address (normalised: lower case). Invented people; distinct per i. */
    static String email(int i) {
        return (FIRST[i % FIRST.length] + "." + LAST[(i / FIRST.length) % LAST.length] + "." + i + "@"
                + DOMAINS[i % DOMAINS.length]).toLowerCase(Locale.ROOT);
    }

    static String name(int i) {
        return FIRST[i % FIRST.length] + " " + LAST[(i / FIRST.length) % LAST.length];
    }

    static String phone(int i) {
        return String.format(Locale.ROOT, "+474%07d", i % 10_000_000);
    }

    /** Whether subject i has consent for {@link #PURPOSE} in force after loading. */
    static boolean consents(int i) {
        return i % 2 == 0;
    }

    Loaded load(int subjects, int threads, boolean fastCommit, Consumer<String> progress) throws Exception {
        return load(0, subjects, threads, fastCommit, progress);
    }

    /** Subjects [first, subjects): a register loaded in two steps (the purge's small and large figure). */
    Loaded load(int first, int subjects, int threads, boolean fastCommit, Consumer<String> progress) throws Exception {
        if (fastCommit) {
            synchronousCommit(false);
        }
        try {
            long start = System.nanoTime();
            AtomicInteger nextBatch = new AtomicInteger(first);
            AtomicInteger done = new AtomicInteger(first);
            java.util.concurrent.atomic.AtomicLong rows = new java.util.concurrent.atomic.AtomicLong();
            int step = Math.max(BATCH, subjects / 20);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int from = nextBatch.getAndAdd(BATCH); from < subjects; from = nextBatch.getAndAdd(BATCH)) {
                        int to = Math.min(subjects, from + BATCH);
                        rows.addAndGet(batch(from, to));
                        int before = done.getAndAdd(to - from);
                        if ((before + to - from) / step != before / step || before + to - from == subjects) {
                            double s = (System.nanoTime() - start) / 1e9;
                            progress.accept(String.format(Locale.ROOT, "  loaded %,d / %,d subjects (%.0f s, %.0f/s)",
                                    before + to - from, subjects, s, (before + to - from - first) / s));
                        }
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> w : workers) {
                    w.get();
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Loaded(subjects - first, rows.get(), seconds, threads);
        } finally {
            if (fastCommit) {
                synchronousCommit(true);
            }
            for (String table : List.of("register_subject", "register_record", "register_blind_index",
                    "consent_state", "consent_event")) {
                owner.execute("VACUUM ANALYZE " + table);
            }
        }
    }

    private void synchronousCommit(boolean on) {
        owner.execute(on ? "ALTER SYSTEM RESET synchronous_commit" : "ALTER SYSTEM SET synchronous_commit = off");
        owner.queryForObject("SELECT pg_reload_conf()", Boolean.class);
    }

    /** Subjects [from, to) in one transaction; their data keys are created and committed first, in one batch. */
    private long batch(int from, int to) {
        List<SubjectId> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add(new SubjectId(UUID.randomUUID()));
        }
        Map<SubjectId, BulkSubjectKeys.Encryptor> encryptors = keys.create(ids);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Timestamp at = Timestamp.from(now);
        List<Object[]> subjectRows = new ArrayList<>();
        List<Object[]> recordRows = new ArrayList<>();
        List<Object[]> indexRows = new ArrayList<>();
        List<Object[]> stateRows = new ArrayList<>();
        List<Object[]> eventRows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            SubjectId id = ids.get(i - from);
            BulkSubjectKeys.Encryptor encrypt = encryptors.get(id);
            UUID s = id.value();
            Timestamp since = Timestamp.from(now.minus(1 + i % 700, ChronoUnit.DAYS));
            subjectRows.add(new Object[] { s, since, since });
            record(recordRows, encrypt, id, "name", name(i), since);
            record(recordRows, encrypt, id, "email", email(i), since);
            record(recordRows, encrypt, id, "phone", phone(i), since);
            for (int p = 0; p < i % 4; p++) {
                record(recordRows, encrypt, id, "purchase-history", "Ordre " + (100_000 + i * 4 + p) + ": " + (1 + p) + " x "
                        + ITEMS[(i + p) % ITEMS.length] + ", " + (490 + 100 * ((i + p) % 40)) + " kr", since);
            }
            indexRows.add(new Object[] { s, "email", index.email(email(i)) });
            indexRows.add(new Object[] { s, "phone", index.phone(phone(i)) });
            if (consents(i)) {
                eventRows.add(new Object[] { s, "GIVEN", since });
                stateRows.add(new Object[] { s, "GIVEN", since });
            } else if (i % 10 == 1) {
                eventRows.add(new Object[] { s, "GIVEN", since });
                eventRows.add(new Object[] { s, "WITHDRAWN", at });
                stateRows.add(new Object[] { s, "WITHDRAWN", at });
            }
        }
        tx.executeWithoutResult(status -> {
            jdbc.batchUpdate("""
                    INSERT INTO register_subject (id, kinds, created_at, updated_at, version)
                    VALUES (?, ARRAY['CUSTOMER_CONTACT']::text[], ?, ?, 1)
                    """, subjectRows);
            jdbc.batchUpdate("""
                    INSERT INTO register_record (subject_id, id, category, ciphertext, source, purposes, legal_basis,
                                                 collected_at, confirmed_at, version)
                    VALUES (?, ?, ?, ?, 'CUSTOMER', ARRAY['customer-administration']::text[], 'CONTRACT', ?, ?, 1)
                    """, recordRows);
            jdbc.batchUpdate("INSERT INTO register_blind_index (subject_id, kind, hash) VALUES (?, ?, ?)", indexRows);
            jdbc.batchUpdate("""
                    INSERT INTO consent_event (subject_id, purpose_key, type, at, channel, recorded_by)
                    VALUES (?, '%s', ?, ?, 'IMPORT', 'system:bench-loader')
                    """.formatted(PURPOSE), eventRows);
            jdbc.batchUpdate("""
                    INSERT INTO consent_state (subject_id, purpose_key, status, since)
                    VALUES (?, '%s', ?, ?)
                    """.formatted(PURPOSE), stateRows);
        });
        return subjectRows.size() + recordRows.size() + indexRows.size() + stateRows.size() + eventRows.size();
    }

    private static void record(List<Object[]> rows, BulkSubjectKeys.Encryptor encrypt, SubjectId subject,
            String category, String value, Timestamp at) {
        UUID id = UUID.randomUUID();
        rows.add(new Object[] { subject.value(), id, category, encrypt.encrypt(category, id, value), at, at });
    }

    /** Reads one loaded email back through the application's own cipher: the bulk path wrote what the app reads. */
    void verify() {
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT subject_id, id, ciphertext FROM register_record WHERE category = 'email' LIMIT 1");
        String email = cipher.decryptText(new SubjectId((UUID) row.get("subject_id")), "email", (UUID) row.get("id"),
                (byte[]) row.get("ciphertext"));
        if (!email.contains("@")) {
            throw new IllegalStateException("a loaded record did not decrypt to an email address");
        }
    }
}
