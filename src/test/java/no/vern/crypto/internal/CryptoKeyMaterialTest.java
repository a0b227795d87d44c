package no.vern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/** Where key material comes from: environment, file, or (demo and tests only) a generated file. */
class CryptoKeyMaterialTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void registerTink() throws GeneralSecurityException {
        AeadConfig.register();
    }

    @Test
    void missingMasterKeysetOutsideDemoModeFailsNamingTheVariables() {
        assertThatThrownBy(() -> load("", "", false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VERN_MASTER_KEYSET")
                .hasMessageContaining("VERN_MASTER_KEYSET_FILE");
    }

    @Test
    void generatedKeysetIsWrittenOwnerOnlyAndReusedOnTheNextStart() throws Exception {
        KeysetFiles.Loaded first = load("", "", true);
        Path file = dir.resolve("keys/master-keyset.json");

        KeysetFiles.Loaded second = load("", "", true);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(second.handle().equalsKeyset(first.handle())).isTrue();
        assertThat(second.file()).isEqualTo(file);
    }

    @Test
    void keysetFromTheEnvironmentWinsAndHasNoFileToRotate() {
        KeysetHandle handle = generate();

        KeysetFiles.Loaded loaded = load(KeysetFiles.serialize(handle), "", false);

        assertThat(loaded.handle().equalsKeyset(handle)).isTrue();
        assertThat(loaded.file()).isNull();
        assertThatThrownBy(() -> new MasterKeyring(loaded.handle(), loaded.file()).rotate())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("VERN_MASTER_KEYSET");
    }

    @Test
    void keysetFileIsRead() throws Exception {
        KeysetHandle handle = generate();
        Path file = dir.resolve("mine.json");
        Files.writeString(file, KeysetFiles.serialize(handle));

        assertThat(load("", file.toString(), false).handle().equalsKeyset(handle)).isTrue();
    }

    @Test
    void brokenKeysetIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> load("{\"secret-looking\": \"c2VjcmV0\"}", "", false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VERN_MASTER_KEYSET")
                .hasMessageNotContaining("c2VjcmV0");
    }

    private KeysetFiles.Loaded load(String json, String file, boolean generate) {
        return KeysetFiles.load("master", "VERN_MASTER_KEYSET", json, file, generate,
                dir.resolve("keys/master-keyset.json"), CryptoKeyMaterialTest::generate);
    }

    private static KeysetHandle generate() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
