package no.vern.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import no.vern.shared.SubjectId;

/**
 * Test-only bulk path for the benchmark loader ({@code no.vern.bench.SyntheticRegister}): creates the data keys of
 * many new subjects exactly as {@link TinkSubjectCipher} does (AES256-GCM keyset, wrapped by the master keyring
 * with the subject id as associated data, stored in the key store) but with one batched insert instead of five
 * key-store round trips per subject, and hands back encryptors that produce the same ciphertexts (same
 * associated data) that {@link TinkSubjectCipher#decrypt} accepts. Never used by the application.
 */
public final class BulkSubjectKeys {

    /** Encrypts one value of a subject for a record, as {@code SubjectCipher.encryptText} would. */
    @FunctionalInterface
    public interface Encryptor {
        byte[] encrypt(String category, UUID recordId, String plaintext);
    }

    private final MasterKeyring master;
    private final JdbcTemplate keyStore;

    public BulkSubjectKeys(ApplicationContext context) {
        this.master = context.getBean(MasterKeyring.class);
        this.keyStore = new JdbcTemplate(context.getBean("keyStoreDataSource", DataSource.class));
    }

    /** New keys for subjects that have none yet, stored in one batch; their encryptors in the same order. */
    public Map<SubjectId, Encryptor> create(List<SubjectId> subjects) {
        Map<SubjectId, Encryptor> encryptors = new LinkedHashMap<>();
        List<Object[]> rows = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        try {
            for (SubjectId subject : subjects) {
                KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                rows.add(new Object[] { subject.value(), UUID.randomUUID(), master.wrap(keyset, subject),
                        master.primaryKeyId(), now });
                Aead aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
                encryptors.put(subject, (category, recordId, plaintext) -> {
                    try {
                        return aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
                                TinkSubjectCipher.associatedData(subject, category, recordId));
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("bulk encryption failed", e);
                    }
                });
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not create bulk data keys", e);
        }
        keyStore.batchUpdate("""
                INSERT INTO vern_keys.subject_key (subject_id, key_id, wrapped, master_key_id, created_at)
                VALUES (?, ?, ?, ?, ?)
                """, rows);
        return encryptors;
    }
}
