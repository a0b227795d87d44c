package no.vern.crypto.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.google.crypto.tink.StreamingAead;

import no.vern.crypto.BackupRefused;
import no.vern.crypto.Backups;
import no.vern.crypto.backup.BackupFile.Header;
import no.vern.crypto.CryptoShredder;
import no.vern.shared.DatabaseEndpoint;
import no.vern.shared.JdbcTime;
import no.vern.shared.VernClock;

/**
 * Logical backups with PostgreSQL's binary {@code COPY}: every table of the main schema from one
 * REPEATABLE READ, READ ONLY snapshot (consistent like {@code pg_dump}, which is not used because
 * the embedded server ships without it and a client of another major version refuses to dump),
 * then the key store and a copy of the shred ledger into a separate directory, so the two can be
 * stored apart. Restores merge every known ledger entry back and replay it before Vern serves.
 */
final class LogicalBackups implements Backups {

    private static final Logger log = LoggerFactory.getLogger(LogicalBackups.class);
    private static final String FORMAT = "vern-logical-2";
    /** The unencrypted, unexpiring format before issue 24: refused. */
    private static final String LEGACY_MANIFEST = "manifest.properties";
    static final String MANIFEST = "manifest.vbk";
    static final String KEYS_FILE = "subject_key.vbk";
    static final String LEDGER_FILE = "shred-ledger.vbk";
    static final String DATABASE = "database";
    static final String KEYS = "keys";
    /** Not copied: sessions (a restored world has none), scheduler state and migration history (re-created). */
    private static final Set<String> SKIPPED = Set.of("flyway_schema_history", "spring_session",
            "spring_session_attributes", "scheduled_tasks");
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");

    private final DataSource owner;
    private final DataSource keyStore;
    private final DatabaseEndpoint endpoint;
    private final CryptoShredder shredder;
    private final JdbcClient app;
    private final Clock clock;
    private final BackupKey backupKey;
    private final Duration expiry;

    LogicalBackups(DataSource owner, DataSource keyStore, DatabaseEndpoint endpoint, CryptoShredder shredder,
            JdbcClient app, Clock clock, BackupKey backupKey, Duration expiry) {
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalStateException("vern.backup.expiry (VERN_BACKUP_EXPIRY) must be positive, e.g. 35d");
        }
        this.backupKey = backupKey;
        this.expiry = expiry;
        this.owner = owner;
        this.keyStore = keyStore;
        this.endpoint = endpoint;
        this.shredder = shredder;
        this.app = app;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ backup

    @Override
    public BackupReport backup(Path databaseDir, Path keysDir) {
        if (databaseDir.toAbsolutePath().normalize().equals(keysDir.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("Keys and database backups must go to different directories");
        }
        try {
            StreamingAead aead = backupKey.streamingAead();
            BackupFile.createDirectory(databaseDir);
            BackupFile.createDirectory(keysDir);
            // Microseconds, as the catalogue stores them: the header and the catalogue say the same instant.
            Instant takenAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Header database = new Header(UUID.randomUUID(), DATABASE, MANIFEST, takenAt, takenAt.plus(expiry));
            Properties db = new Properties();
            long rows = 0;
            List<String> tables;
            try (Connection c = owner.getConnection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                tables = tables(c);
                String schema = schemaVersion(c);
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (String table : tables) {
                    MessageDigest sha = sha256();
                    try (OutputStream out = new DigestOutputStream(
                            BackupFile.create(databaseDir, database.forFile(table + ".vbk"), aead), sha)) {
                        long n = copy.copyOut("COPY (SELECT * FROM public." + table + ") TO STDOUT (FORMAT binary)", out);
                        db.setProperty("rows." + table, Long.toString(n));
                        rows += n;
                    }
                    db.setProperty("sha256." + table, HexFormat.of().formatHex(sha.digest()));
                }
                c.commit();
                db.setProperty("format", FORMAT);
                db.setProperty("schema", schema);
                db.setProperty("tables", String.join(",", tables));
            }
            write(databaseDir, database, db, "Vern database backup (no keys: they are stored apart)", aead);

            // The key store after the database: every ciphertext in the snapshot has its key, unless erased meanwhile.
            Header keyPart = new Header(database.backup(), KEYS, MANIFEST, takenAt, database.expiresAt());
            Properties keys = new Properties();
            long keyRows;
            try (Connection c = keyStore.getConnection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try (OutputStream out = BackupFile.create(keysDir, keyPart.forFile(KEYS_FILE), aead)) {
                    keyRows = c.unwrap(PGConnection.class).getCopyAPI()
                            .copyOut("COPY (SELECT * FROM vern_keys.subject_key) TO STDOUT (FORMAT binary)", out);
                }
                c.commit();
            }
            List<String> ledger = ledgerLines(app);
            try (OutputStream out = BackupFile.create(keysDir, keyPart.forFile(LEDGER_FILE), aead)) {
                out.write(String.join("\n", ledger).getBytes(StandardCharsets.UTF_8));
            }
            keys.setProperty("format", FORMAT);
            keys.setProperty("keysTakenAt", clock.instant().toString());
            keys.setProperty("keys", Long.toString(keyRows));
            keys.setProperty("ledgerEntries", Integer.toString(ledger.size()));
            write(keysDir, keyPart, keys, "Vern key-store backup (wrapped keys; the master key is not here)", aead);
            BackupReport report = new BackupReport(takenAt, tables.size(), rows, keyRows, ledger.size(),
                    database.backup(), database.expiresAt());
            app.sql("""
                    INSERT INTO crypto_backup_log (kind, at, ok, summary, backup_id, taken_at, expires_at)
                    VALUES ('BACKUP', :at, TRUE, :summary, :id, :taken, :expires)""")
                    .param("at", JdbcTime.param(clock.instant()))
                    .param("summary", report.tables() + " tables, " + rows + " rows, " + keyRows + " keys")
                    .param("id", database.backup()).param("taken", JdbcTime.param(takenAt))
                    .param("expires", JdbcTime.param(database.expiresAt())).update();
            log.info("Backup {} written: {} tables, {} rows, {} keys; expires {}", database.backup(), tables.size(), rows,
                    keyRows, database.expiresAt());
            return report;
        } catch (SQLException | IOException e) {
            note("BACKUP", false, e.getClass().getSimpleName());
            throw new IllegalStateException("Backup failed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    // ------------------------------------------------------------------ restore

    @Override
    public RestoreReport restore(Path databaseDir, Path keysDir) {
        Verified backup = verify("RESTORE", databaseDir, keysDir);
        try {
            RestoreReport loaded;
            try (Connection main = owner.getConnection(); Connection keys = keyStore.getConnection()) {
                loaded = load(main, keys, backup, databaseDir, keysDir, List.of());
            }
            long destroyed = shredder.replayLedger();
            RestoreReport report = new RestoreReport(loaded.tables(), loaded.rows(), loaded.keys(),
                    loaded.ledgerEntries(), destroyed);
            note("RESTORE", true, report.tables() + " tables, " + report.keys() + " keys, " + destroyed
                    + " keys destroyed by the ledger replay");
            log.info("Restore done: {} tables, {} keys, ledger replayed: {} key(s) destroyed", report.tables(),
                    report.keys(), destroyed);
            return report;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Restore failed (" + e.getClass().getSimpleName() + "); nothing was "
                    + "changed if the failure came before the commit", e);
        }
    }

    @Override
    public DrillReport drill(Path databaseDir, Path keysDir) {
        Verified backup = verify("DRILL", databaseDir, keysDir);
        String scratch = "vern_drill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Instant at = clock.instant();
        try {
            try (Connection c = owner.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + scratch);
                }
            }
            try {
                String url = withDatabase(endpoint.url(), scratch);
                Flyway.configure().dataSource(url, endpoint.user(), endpoint.password())
                        .locations("classpath:db/migration").outOfOrder(true).load().migrate();
                RestoreReport loaded;
                long stillReadable;
                long destroyed;
                try (Connection c = DriverManager.getConnection(url, endpoint.user(), endpoint.password())) {
                    // The live ledger comes from Vern's own database: erasures since the backup must win.
                    loaded = load(c, c, backup, databaseDir, keysDir, ledgerLines(app));
                    c.setAutoCommit(true);
                    try (Statement s = c.createStatement()) {
                        destroyed = s.executeUpdate("DELETE FROM vern_keys.subject_key k USING crypto_shred_ledger l "
                                + "WHERE k.subject_id = l.subject_id");
                        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM vern_keys.subject_key k "
                                + "JOIN crypto_shred_ledger l ON l.subject_id = k.subject_id")) {
                            rs.next();
                            stillReadable = rs.getLong(1);
                        }
                    }
                }
                DrillReport report = new DrillReport(at, new RestoreReport(loaded.tables(), loaded.rows(),
                        loaded.keys(), loaded.ledgerEntries(), destroyed), stillReadable);
                note("DRILL", report.passed(), loaded.tables() + " tables, " + loaded.keys() + " keys restored, "
                        + destroyed + " destroyed by the replay, " + stillReadable + " erased still readable");
                log.info("Restore drill {}: {} keys restored, {} destroyed by the ledger replay",
                        report.passed() ? "passed" : "FAILED", loaded.keys(), destroyed);
                return report;
            } finally {
                try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
                    c.setAutoCommit(true);
                    s.execute("DROP DATABASE IF EXISTS " + scratch + " WITH (FORCE)");
                }
            }
        } catch (SQLException | IOException e) {
            note("DRILL", false, e.getClass().getSimpleName());
            throw new IllegalStateException("Restore drill failed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * Everything checked before a restore or drill changes anything: both parts are of this format and of one
     * backup, their manifests decrypt with the backup key (which authenticates the headers and so the expiry),
     * and the backup has not expired by the injected clock. A refusal is logged as a failed restore or drill.
     */
    private Verified verify(String kind, Path databaseDir, Path keysDir) {
        try {
            if (Files.exists(databaseDir.resolve(LEGACY_MANIFEST)) || Files.exists(keysDir.resolve(LEGACY_MANIFEST))) {
                throw new BackupRefused("This backup was written before backups were encrypted and had an expiry "
                        + "(format vern-logical-1). Vern does not restore it: it would bring back people erased since. "
                        + "Delete it and take a new backup.");
            }
            if (!Files.isRegularFile(databaseDir.resolve(MANIFEST)) || !Files.isRegularFile(keysDir.resolve(MANIFEST))) {
                throw new BackupRefused("No Vern backup here: " + MANIFEST + " is missing in the database part or "
                        + "in the key part");
            }
            StreamingAead aead = backupKey.streamingAead();
            BackupFile.Read db = BackupFile.readAll(databaseDir, MANIFEST, DATABASE, aead);
            BackupFile.Read keys = BackupFile.readAll(keysDir, MANIFEST, KEYS, aead);
            Properties dbManifest = properties(db.bytes());
            Properties keyManifest = properties(keys.bytes());
            if (!FORMAT.equals(dbManifest.getProperty("format")) || !FORMAT.equals(keyManifest.getProperty("format"))) {
                throw new BackupRefused("Not a Vern backup of format " + FORMAT + " (manifest)");
            }
            if (!db.header().backup().equals(keys.header().backup())) {
                throw new BackupRefused("The key part belongs to another backup (" + keys.header().backup()
                        + ") than the database part (" + db.header().backup() + ")");
            }
            Instant now = clock.instant();
            if (!now.isBefore(db.header().expiresAt())) {
                throw new BackupRefused("Backup " + db.header().backup() + " expired at " + local(db.header().expiresAt())
                        + " (taken " + local(db.header().takenAt()) + "). Vern does not restore an expired backup: "
                        + "people erased since it was taken must stay erased. Restore a newer backup.");
            }
            // The key part is loaded after the main database commits: authenticate all of it first.
            try (BackupFile.Opened file = BackupFile.open(keysDir, KEYS_FILE, KEYS, aead)) {
                requireSameBackup(file.header(), db.header());
                file.in().transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new BackupRefused("The backup file " + KEYS_FILE + " cannot be decrypted with this backup key: "
                        + "the key is not the one it was written with, or the file was altered");
            }
            return new Verified(db.header(), dbManifest, aead);
        } catch (BackupRefused e) {
            note(kind, false, "refused: " + e.getMessage());
            log.warn("{} refused: {}", kind.toLowerCase(java.util.Locale.ROOT), e.getMessage());
            throw e;
        }
    }

    /**
     * A backup checked by {@link #verify}.
     *
     * @param header the database part's authenticated header
     * @param manifest the database part's manifest
     * @param aead the backup key
     */
    private record Verified(Header header, Properties manifest, StreamingAead aead) {
    }

    private static String local(Instant at) {
        return at.atZone(VernClock.ZONE).truncatedTo(ChronoUnit.MINUTES).toOffsetDateTime().toString();
    }

    /**
     * Loads both parts: the main tables in one transaction with triggers off (the audit log refuses
     * TRUNCATE otherwise), every known ledger entry merged back (the target's own ledger before the
     * load, the key backup's copy, and {@code liveLedger}) and every backup the target's catalogue knew,
     * sequences moved past the restored ids; then the key store. Sessions are ended.
     */
    private RestoreReport load(Connection main, Connection keys, Verified backup, Path databaseDir, Path keysDir,
            List<String> liveLedger) throws SQLException, IOException {
        Properties db = backup.manifest();
        StreamingAead aead = backup.aead();
        List<String> tables = List.of(db.getProperty("tables", "").split(","));
        for (String table : tables) {
            if (!TABLE.matcher(table).matches()) {
                throw new IllegalArgumentException("Unexpected table name in the manifest");
            }
        }
        long rows = 0;
        int ledgerEntries;
        main.setAutoCommit(false);
        try {
            if (!schemaVersion(main).equals(db.getProperty("schema"))) {
                throw new BackupRefused("The backup was taken at another schema version; start this "
                        + "Vern version once on an empty database, then restore a backup of the same version");
            }
            Set<String> ledger = new LinkedHashSet<>(ledgerLines(JdbcClient.create(new SingleConnectionDataSource(main, true))));
            String backedUpLedger = new String(BackupFile.readAll(keysDir, LEDGER_FILE, KEYS, aead).bytes(),
                    StandardCharsets.UTF_8);
            backedUpLedger.lines().filter(line -> !line.isBlank()).forEach(ledger::add);
            ledger.addAll(liveLedger);
            try (Statement s = main.createStatement()) {
                // The catalogue of backups outlives the restore, like the ledger: it dates when erasures are complete.
                s.execute("CREATE TEMP TABLE vern_restore_backup_log ON COMMIT DROP AS SELECT * FROM crypto_backup_log");
                s.execute("SET LOCAL session_replication_role = replica");
                s.execute("TRUNCATE " + String.join(", ", tables.stream().map(t -> "public." + t).toList()));
                s.execute("TRUNCATE spring_session CASCADE");
            }
            CopyManager copy = main.unwrap(PGConnection.class).getCopyAPI();
            for (String table : tables) {
                MessageDigest sha = sha256();
                try (BackupFile.Opened file = BackupFile.open(databaseDir, table + ".vbk", DATABASE, aead);
                        InputStream in = new DigestInputStream(file.in(), sha)) {
                    requireSameBackup(file.header(), backup.header());
                    rows += copy.copyIn("COPY public." + table + " FROM STDIN (FORMAT binary)", in);
                }
                if (!HexFormat.of().formatHex(sha.digest()).equals(db.getProperty("sha256." + table))) {
                    throw new IllegalArgumentException("The backup file of table " + table + " is damaged (checksum)");
                }
            }
            try (var insert = main.prepareStatement("INSERT INTO crypto_shred_ledger (subject_id, key_id, shredded_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT (subject_id) DO NOTHING")) {
                for (String line : ledger) {
                    String[] f = line.split(",", -1);
                    insert.setObject(1, UUID.fromString(f[0]));
                    insert.setObject(2, f[1].isEmpty() ? null : UUID.fromString(f[1]));
                    insert.setObject(3, JdbcTime.param(Instant.parse(f[2])));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            ledgerEntries = ledger.size();
            try (Statement s = main.createStatement()) {
                s.execute("INSERT INTO crypto_backup_log SELECT * FROM vern_restore_backup_log ON CONFLICT (id) DO NOTHING");
            }
            resetSequences(main);
            main.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            main.rollback();
            throw e;
        }
        long keyRows;
        keys.setAutoCommit(false);
        try {
            try (Statement s = keys.createStatement()) {
                s.executeUpdate("DELETE FROM vern_keys.subject_key");
            }
            try (BackupFile.Opened file = BackupFile.open(keysDir, KEYS_FILE, KEYS, aead)) {
                requireSameBackup(file.header(), backup.header());
                keyRows = keys.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY vern_keys.subject_key FROM STDIN (FORMAT binary)", file.in());
            }
            keys.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            keys.rollback();
            throw e;
        }
        return new RestoreReport(tables.size(), rows, keyRows, ledgerEntries, 0);
    }

    @Override
    public Optional<Instant> lastBackup() {
        return last("BACKUP");
    }

    @Override
    public Optional<Instant> lastDrill() {
        return last("DRILL");
    }

    private Optional<Instant> last(String kind) {
        return app.sql("SELECT max(at) AS at FROM crypto_backup_log WHERE kind = :kind AND ok").param("kind", kind)
                .query((rs, n) -> Optional.ofNullable(JdbcTime.instant(rs, "at"))).single();
    }

    private void note(String kind, boolean ok, String summary) {
        app.sql("INSERT INTO crypto_backup_log (kind, at, ok, summary) VALUES (:kind, :at, :ok, :summary)")
                .param("kind", kind).param("at", JdbcTime.param(clock.instant())).param("ok", ok)
                .param("summary", summary).update();
    }

    // ------------------------------------------------------------------ helpers

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                 ORDER BY c.relname
                """)) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (!SKIPPED.contains(name) && TABLE.matcher(name).matches()) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    /** The applied migrations, so a backup is only restored into the same schema. */
    private static String schemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT string_agg(version, ',' ORDER BY version) FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            rs.next();
            String versions = rs.getString(1);
            return HexFormat.of().formatHex(sha256().digest(String.valueOf(versions).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static void resetSequences(Connection c) throws SQLException {
        List<String[]> sequences = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT format('%I.%I', sn.nspname, s.relname), format('%I.%I', tn.nspname, t.relname), quote_ident(a.attname)
                  FROM pg_class s JOIN pg_namespace sn ON sn.oid = s.relnamespace
                  JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
                                  AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                  JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace
                  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                 WHERE s.relkind = 'S' AND tn.nspname = 'public'
                """)) {
            while (rs.next()) {
                sequences.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        try (Statement s = c.createStatement()) {
            for (String[] seq : sequences) {
                s.execute("SELECT setval('" + seq[0] + "', COALESCE((SELECT max(" + seq[2] + ") FROM " + seq[1]
                        + "), 0) + 1, false)");
            }
        }
    }

    private static List<String> ledgerLines(JdbcClient jdbc) {
        return jdbc.sql("SELECT subject_id, key_id, shredded_at FROM crypto_shred_ledger ORDER BY subject_id")
                .query((rs, n) -> rs.getObject("subject_id", UUID.class) + ","
                        + (rs.getObject("key_id") == null ? "" : rs.getObject("key_id", UUID.class).toString()) + ","
                        + JdbcTime.required(rs, "shredded_at"))
                .list();
    }

    static String withDatabase(String url, String database) {
        Matcher m = JDBC_URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL");
        }
        return m.group(1) + database + m.group(3);
    }

    private static void requireSameBackup(Header file, Header backup) {
        if (!file.backup().equals(backup.backup())) {
            throw new BackupRefused("The backup file " + file.file() + " belongs to another backup (" + file.backup() + ")");
        }
    }

    private static Properties properties(byte[] bytes) {
        Properties p = new Properties();
        try {
            p.load(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException | IllegalArgumentException e) {
            throw new BackupRefused("The manifest of the backup is damaged");
        }
        return p;
    }

    private static void write(Path dir, Header header, Properties p, String comment, StreamingAead aead) throws IOException {
        try (OutputStream out = BackupFile.create(dir, header, aead)) {
            p.store(out, comment);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
