package no.vern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;

import no.vern.crypto.MasterKeys;
import no.vern.crypto.RewrapResult;
import no.vern.crypto.SubjectCipher;
import no.vern.shared.SubjectId;

/**
 * Master-key rotation re-wraps subject keys under the new master key without touching data
 * ciphertexts. Runs with a keys directory of its own, so the rotated keyset file stays private to it.
 */
@SpringBootTest(properties = "vern.keys.directory=target/test-keys/rotation-${random.uuid}")
class CryptoMasterKeyRotationTest {

    @Autowired
    SubjectCipher cipher;

    @Autowired
    MasterKeys masterKeys;

    @Autowired
    MasterKeyring master;

    @Autowired
    DataKeyCache cache;

    @Autowired
    CryptoProperties properties;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource ownerDataSource;

    @Test
    void rotationRewrapsSubjectKeysAndOldCiphertextsStillDecrypt() throws Exception {
        SubjectId subject = SubjectId.random();
        UUID record = UUID.randomUUID();
        byte[] ciphertext = cipher.encryptText(subject, "email", record, "kari@example.no");
        UUID keyId = cipher.ensureKey(subject);
        long before = masterKeys.primaryKeyId();
        assertThat(masterKeyIdOf(subject)).isEqualTo(before);

        RewrapResult result = masterKeys.rotateMasterKey();

        long after = masterKeys.primaryKeyId();
        assertThat(after).isNotEqualTo(before).isEqualTo(result.primaryKeyId());
        assertThat(result.rewrapped()).isGreaterThanOrEqualTo(1);
        assertThat(result.failed()).isZero();
        assertThat(masterKeyIdOf(subject)).isEqualTo(after);
        assertThat(owner().sql("SELECT key_id FROM vern_keys.subject_key WHERE subject_id = :s")
                .param("s", subject.value()).query(UUID.class).single()).isEqualTo(keyId);

        // the wrapped key opens with the new master key alone
        byte[] wrapped = owner().sql("SELECT wrapped FROM vern_keys.subject_key WHERE subject_id = :s")
                .param("s", subject.value()).query(byte[].class).single();
        KeysetHandle newKeyOnly = KeysetHandle.newBuilder().addEntry(KeysetHandle
                .importKey(master.handle().getPrimary().getKey()).withFixedId(master.handle().getPrimary().getId())
                .makePrimary()).build();
        Aead newMaster = newKeyOnly.getPrimitive(RegistryConfiguration.get(), Aead.class);
        assertThat(TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, newMaster,
                MasterKeyring.associatedData(subject))).isNotNull();

        // the data ciphertext written before rotation still decrypts with a freshly unwrapped key
        cache.clear();
        assertThat(cipher.decryptText(subject, "email", record, ciphertext)).isEqualTo("kari@example.no");
        assertThat(masterKeys.rewrapAll().rewrapped()).isZero();
    }

    @Test
    void rotatedKeysetIsSavedToItsFileWithOwnerOnlyPermissions() throws Exception {
        masterKeys.rotateMasterKey();

        Path file = Path.of(properties.directory()).toAbsolutePath().resolve("master-keyset.json");
        KeysetHandle saved = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file),
                InsecureSecretKeyAccess.get());
        assertThat(Integer.toUnsignedLong(saved.getPrimary().getId())).isEqualTo(masterKeys.primaryKeyId());
        assertThat(saved.size()).isGreaterThanOrEqualTo(2);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    private long masterKeyIdOf(SubjectId subject) {
        return owner().sql("SELECT master_key_id FROM vern_keys.subject_key WHERE subject_id = :s")
                .param("s", subject.value()).query(Long.class).single();
    }

    private JdbcClient owner() {
        return JdbcClient.create(ownerDataSource);
    }
}
