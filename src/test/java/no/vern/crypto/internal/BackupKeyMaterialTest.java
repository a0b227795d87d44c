package no.vern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;

/**
 * The backup key is kept apart from the master key (issue 24, item 5): its own variables, its own
 * generated file beside the key folder, and never the master keyset itself.
 */
class BackupKeyMaterialTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void registerTink() throws GeneralSecurityException {
        AeadConfig.register();
        StreamingAeadConfig.register();
    }

    @Test
    void missingBackupKeyOutsideDemoModeFailsNamingTheVariables() {
        assertThatThrownBy(() -> CryptoConfiguration.loadBackupKey(properties("", "", "", ""), false,
                dir.resolve("backup-keyset.json")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VERN_BACKUP_KEYSET").hasMessageContaining("VERN_BACKUP_KEYSET_FILE");
    }

    @Test
    void theMasterKeysetFileIsRefusedAsBackupKey() throws Exception {
        Path master = dir.resolve("master.json");
        Files.writeString(master, KeysetFiles.serialize(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)));
        assertThatThrownBy(() -> CryptoConfiguration.loadBackupKey(properties("", master.toString(), "",
                dir.resolve("./master.json").toString()), false, dir.resolve("backup-keyset.json")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("names the master keyset");
    }

    @Test
    void theMasterKeysetJsonIsRefusedAsBackupKey() throws Exception {
        String json = KeysetFiles.serialize(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        assertThatThrownBy(() -> CryptoConfiguration.loadBackupKey(properties(json, "", json, ""), false,
                dir.resolve("backup-keyset.json")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is the master keyset");
    }

    @Test
    void aKeysetThatIsNotStreamingAeadIsRefusedWithoutQuotingIt() throws Exception {
        String aesGcm = KeysetFiles.serialize(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        assertThatThrownBy(() -> CryptoConfiguration.loadBackupKey(properties("", "", aesGcm, ""), false,
                dir.resolve("backup-keyset.json")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AES256_GCM_HKDF_1MB")
                .hasMessageNotContaining("value");
    }

    @Test
    void theGeneratedBackupKeyIsAnOwnerOnlyFileReusedOnTheNextStart() throws Exception {
        Path file = dir.resolve("backup-keys").resolve("backup-keyset.json");
        StreamingAead first = CryptoConfiguration.loadBackupKey(properties("", "", "", ""), true, file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        StreamingAead second = CryptoConfiguration.loadBackupKey(properties("", "", "", ""), true, file);
        byte[] plain = "backup".getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        try (var out = first.newEncryptingStream(sink, new byte[0])) {
            out.write(plain);
        }
        try (var in = second.newDecryptingStream(new java.io.ByteArrayInputStream(sink.toByteArray()), new byte[0])) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        assertThat(Files.readString(file)).contains("AesGcmHkdfStreamingKey");
    }

    private static CryptoProperties properties(String masterJson, String masterFile, String backupJson, String backupFile) {
        return new CryptoProperties(masterJson, masterFile, "", "", "auto", "", 200,
                new CryptoProperties.Db("", "", "", 4), new CryptoProperties.Cache(10_000, Duration.ofSeconds(60)),
                backupJson, backupFile, "");
    }
}
