package no.vern.crypto.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;

import no.vern.crypto.BackupHorizon;
import no.vern.crypto.BackupRefused;
import no.vern.crypto.Backups;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.shared.DemoMode;
import no.vern.shared.SubjectId;
import no.vern.shared.VernClock;
import no.vern.shared.VernProblem;
import no.vern.support.Canaries;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/**
 * Backups that expire and cannot resurrect an erased person (issue 24, item 5; GDPR Art. 17 with
 * Art. 32(1)(c)): every backup file is owner-only and encrypted under the backup key, kept apart from
 * the master key; its expiry (35 days) is authenticated in each file's header; the restore and the
 * drill refuse an expired backup before changing anything; and the horizon dates when an erasure is
 * complete in backups too.
 */
@VernTest
class BackupExpiryTests {

    @Autowired
    Backups backups;
    @Autowired
    BackupHorizon horizon;
    @Autowired
    BackupKey backupKey;
    @Autowired
    SubjectRegister register;
    @Autowired
    TestClock clock;
    @Autowired
    DemoMode demo;
    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void everyBackupFileIsOwnerOnlyAndUnreadableWithoutTheBackupKey() throws Exception {
        SubjectId person = contact();
        register.erase(person); // the ledger part names it (in the clear, it would show its id)
        Path database = dir.resolve("database");
        Path keys = dir.resolve("keys");
        Backups.BackupReport report = backups.backup(database, keys);

        List<Path> files = files(database, keys);
        assertThat(files).hasSizeGreaterThan(report.tables()); // every table, the manifests, keys and ledger
        for (Path dirOf : List.of(database, keys)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dirOf))).isEqualTo("rwx------");
        }
        for (Path file : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
            String raw = Files.readString(file, StandardCharsets.ISO_8859_1);
            assertThat(raw).as(file.toString()).startsWith(BackupFile.MAGIC + " backup=" + report.id())
                    .contains(" expires=" + report.expiresAt())
                    .doesNotContain("PGCOPY") // PostgreSQL's binary COPY signature: nothing is stored in the clear
                    .doesNotContain(person.value().toString())
                    .doesNotContain("kanarifugl.example");
        }
        assertThat(report.expiresAt()).isEqualTo(report.takenAt().plus(Duration.ofDays(35)));

        // With the backup key the manifest reads; with any other key (the master key included) nothing does.
        assertThat(new String(BackupFile.readAll(keys, LogicalBackups.MANIFEST, LogicalBackups.KEYS,
                backupKey.streamingAead()).bytes(), StandardCharsets.UTF_8)).contains("keys=" + report.keys());
        StreamingAead otherKey = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB)
                .getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        for (Path file : files) {
            String part = file.startsWith(keys) ? LogicalBackups.KEYS : LogicalBackups.DATABASE;
            assertThatThrownBy(() -> BackupFile.readAll(file.getParent(), file.getFileName().toString(), part, otherKey))
                    .as(file.toString()).isInstanceOf(BackupRefused.class).hasMessageContaining("cannot be decrypted");
        }
    }

    @Test
    void theGeneratedBackupKeyIsAnOwnerOnlyFileApartFromTheMasterKey() throws Exception {
        backups.backup(dir.resolve("d"), dir.resolve("k"));
        Path keyset = demo.directory().resolve("backup-keys").resolve("backup-keyset.json");
        assertThat(keyset).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset.getParent()))).isEqualTo("rwx------");
        assertThat(demo.directory().resolve("keys").resolve("backup-keyset.json")).doesNotExist();
        assertThat(Files.readString(keyset)).contains("AesGcmHkdfStreamingKey").doesNotContain("AesGcmKey\"");
    }

    @Test
    void backupEraseExpiryPassesRestoreRefusedAndNothingChanges() throws Exception {
        SubjectId kept = contact();
        SubjectId erased = contact();
        Path database = dir.resolve("database");
        Path keys = dir.resolve("keys");
        Backups.BackupReport backup = backups.backup(database, keys);
        register.erase(erased);

        // Within the expiry the drill restores it, and the ledger replay keeps the erased person erased.
        clock.setTo(backup.expiresAt().minus(Duration.ofMinutes(1)));
        Backups.DrillReport drill = backups.drill(database, keys);
        assertThat(drill.restore().keysDestroyed()).isEqualTo(1);
        assertThat(drill.erasedStillReadable()).isZero();

        // Once it has expired, the restore and the drill refuse it, before anything changes.
        clock.setTo(backup.expiresAt());
        long logBefore = count("SELECT count(*) FROM crypto_backup_log WHERE kind = 'RESTORE' AND ok");
        assertThatThrownBy(() -> backups.restore(database, keys)).isInstanceOf(BackupRefused.class)
                .hasMessageContaining("Backup " + backup.id() + " expired at")
                .hasMessageContaining("Vern does not restore an expired backup");
        assertThatThrownBy(() -> backups.drill(database, keys)).isInstanceOf(BackupRefused.class)
                .hasMessageContaining("expired");
        assertThat(count("SELECT count(*) FROM crypto_backup_log WHERE kind = 'RESTORE' AND ok")).isEqualTo(logBefore);
        assertThat(count("SELECT count(*) FROM crypto_backup_log WHERE kind = 'RESTORE' AND NOT ok "
                + "AND summary LIKE 'refused: Backup " + backup.id() + " expired%'")).isEqualTo(1);
        assertThat(register.read(kept, "customer-administration").records()).isNotEmpty();
        assertThatThrownBy(() -> register.read(erased, "customer-administration")).isInstanceOf(VernProblem.class);
    }

    @Test
    void aLaterExpiryWrittenIntoTheHeaderFailsAuthentication() throws Exception {
        Path database = dir.resolve("database");
        Path keys = dir.resolve("keys");
        Backups.BackupReport backup = backups.backup(database, keys);
        Path manifest = database.resolve(LogicalBackups.MANIFEST);
        byte[] bytes = Files.readAllBytes(manifest);
        String header = new String(bytes, 0, indexOf(bytes, (byte) '\n') + 1, StandardCharsets.US_ASCII);
        String longer = header.replace("expires=" + backup.expiresAt(), "expires=" + backup.expiresAt().plus(Duration.ofDays(3650)));
        assertThat(longer).isNotEqualTo(header);
        Files.write(manifest, concat(longer.getBytes(StandardCharsets.US_ASCII),
                java.util.Arrays.copyOfRange(bytes, header.length(), bytes.length)));

        clock.setTo(backup.expiresAt().plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> backups.drill(database, keys)).isInstanceOf(BackupRefused.class)
                .hasMessageContaining("cannot be decrypted with this backup key");
    }

    @Test
    void aKeyPartOfAnotherBackupIsRefused() {
        Backups.BackupReport first = backups.backup(dir.resolve("a/database"), dir.resolve("a/keys"));
        Backups.BackupReport second = backups.backup(dir.resolve("b/database"), dir.resolve("b/keys"));
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThatThrownBy(() -> backups.drill(dir.resolve("a/database"), dir.resolve("b/keys")))
                .isInstanceOf(BackupRefused.class).hasMessageContaining("belongs to another backup");
    }

    @Test
    void aBackupOfTheOldUnencryptedFormatIsRefused() throws Exception {
        Path database = Files.createDirectories(dir.resolve("database"));
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.writeString(database.resolve("manifest.properties"), "format=vern-logical-1\n");
        Files.writeString(keys.resolve("manifest.properties"), "format=vern-logical-1\n");
        assertThatThrownBy(() -> backups.restore(database, keys)).isInstanceOf(BackupRefused.class)
                .hasMessageContaining("vern-logical-1");
    }

    @Test
    void erasureIsCompleteWhenTheLastBackupOlderThanTheErasureHasExpired() {
        // Far ahead of every other test's backups, so only these count.
        clock.setTo(Instant.now().plus(Duration.ofDays(4000)));
        Instant beforeAny = clock.instant();
        Backups.BackupReport first = backups.backup(dir.resolve("1/database"), dir.resolve("1/keys"));
        clock.advance(Duration.ofDays(10));
        Backups.BackupReport second = backups.backup(dir.resolve("2/database"), dir.resolve("2/keys"));

        Instant erasedAfterBoth = clock.instant().plus(Duration.ofHours(1));
        assertThat(horizon.erasureCompleteAt(erasedAfterBoth)).contains(second.expiresAt());
        assertThat(horizon.erasureCompleteBy(erasedAfterBoth))
                .contains(LocalDate.ofInstant(second.expiresAt(), VernClock.ZONE));
        Instant erasedBetween = first.takenAt().plus(Duration.ofDays(1));
        assertThat(horizon.erasureCompleteAt(erasedBetween)).contains(first.expiresAt());
        // No backup of ours was taken after the earlier ones expired and before this erasure: complete at once.
        Instant erasedBeforeBoth = beforeAny.minus(Duration.ofDays(1));
        assertThat(horizon.erasureCompleteAt(erasedBeforeBoth)).contains(erasedBeforeBoth);
    }

    @Test
    void aBackupWithoutExpiryOlderThanTheErasureLeavesTheDateOpen() {
        Instant old = Instant.now().minus(Duration.ofDays(9000));
        jdbc.sql("INSERT INTO crypto_backup_log (kind, at, ok, summary) VALUES ('BACKUP', :at, TRUE, 'format 1')")
                .param("at", no.vern.shared.JdbcTime.param(old)).update();
        try {
            assertThat(horizon.erasureCompleteAt(old.plus(Duration.ofDays(1)))).isEmpty();
            assertThat(horizon.erasureCompleteAt(old.minus(Duration.ofDays(1)))).isPresent();
        } finally {
            jdbc.sql("DELETE FROM crypto_backup_log WHERE summary = 'format 1' AND at = :at")
                    .param("at", no.vern.shared.JdbcTime.param(old)).update();
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql).query((rs, n) -> rs.getLong(1)).single();
    }

    private static List<Path> files(Path... dirs) throws Exception {
        List<Path> all = new java.util.ArrayList<>();
        for (Path d : dirs) {
            try (Stream<Path> s = Files.list(d)) {
                all.addAll(s.toList());
            }
        }
        return all;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private SubjectId contact() {
        return register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), "customer-administration",
                Source.CUSTOMER, null, PersonalData.contact(Canaries.NAME,
                "expiry." + UUID.randomUUID() + "@kanarifugl.example", null)));
    }
}
