package no.vern.crypto.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import no.vern.crypto.CiphertextRejected;
import no.vern.crypto.SubjectCipher;
import no.vern.crypto.SubjectKeyDestroyed;
import no.vern.crypto.internal.DataKeyCache.DataKey;
import no.vern.crypto.internal.SubjectKeys.StoredKey;
import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;

/**
 * Envelope encryption with one Tink AES256-GCM keyset per subject, wrapped by the master key;
 * associated data = length-prefixed (subject id, category, record id). Tink draws a random 96-bit
 * nonce for every encryption.
 */
final class TinkSubjectCipher implements SubjectCipher {

    private static final Logger log = LoggerFactory.getLogger(TinkSubjectCipher.class);
    private static final int MAX_CATEGORY = 100;

    private final SubjectKeys keys;
    private final ShredLedger ledger;
    private final DataKeyCache cache;
    private final MasterKeyring master;
    private final Clock clock;
    private final CryptoMetrics metrics;
    private final KeyPool pool;

    TinkSubjectCipher(SubjectKeys keys, ShredLedger ledger, DataKeyCache cache, MasterKeyring master, Clock clock,
            CryptoMetrics metrics, KeyPool pool) {
        this.pool = pool;
        this.keys = keys;
        this.ledger = ledger;
        this.cache = cache;
        this.master = master;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public byte[] encrypt(SubjectId subject, String category, UUID recordId, byte[] plaintext) {
        byte[] aad = associatedData(subject, category, recordId);
        DataKey key;
        try {
            key = keyForWrite(subject);
        } catch (SubjectKeyDestroyed e) {
            metrics.count("encrypt", "destroyed");
            throw e;
        }
        try {
            byte[] ciphertext = key.aead().encrypt(plaintext, aad);
            metrics.count("encrypt", "ok");
            return ciphertext;
        } catch (GeneralSecurityException e) {
            metrics.count("encrypt", "error");
            throw new IllegalStateException("Encryption failed for subject " + subject + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public byte[] decrypt(SubjectId subject, String category, UUID recordId, byte[] ciphertext) {
        byte[] aad = associatedData(subject, category, recordId);
        DataKey key;
        try {
            key = keyForRead(subject);
        } catch (SubjectKeyDestroyed e) {
            metrics.count("decrypt", "destroyed");
            throw e;
        } catch (CiphertextRejected e) {
            metrics.count("decrypt", "rejected");
            throw e;
        }
        try {
            byte[] plaintext = key.aead().decrypt(ciphertext, aad);
            metrics.count("decrypt", "ok");
            return plaintext;
        } catch (GeneralSecurityException e) {
            metrics.count("decrypt", "rejected");
            throw new CiphertextRejected(subject, "it does not authenticate for this subject, category and record");
        }
    }

    @Override
    public SubjectId newSubject() {
        long epoch = cache.epoch();
        KeyPool.Fresh fresh = pool.take();
        cache.put(fresh.subject(), new DataKey(fresh.keyId(), fresh.aead()), epoch);
        metrics.count("key", "pooled");
        return fresh.subject();
    }

    @Override
    public java.util.List<SubjectId> newSubjects(int count) {
        long epoch = cache.epoch();
        java.util.List<KeyPool.Fresh> fresh = pool.generate(count);
        fresh.forEach(f -> cache.put(f.subject(), new DataKey(f.keyId(), f.aead()), epoch));
        metrics.count("key", "generated", fresh.size());
        return fresh.stream().map(KeyPool.Fresh::subject).toList();
    }

    @Override
    public UUID ensureKey(SubjectId subject) {
        return keyForWrite(subject).keyId();
    }

    /** The subject's key, created on first use; refuses a subject that was shredded. */
    private DataKey keyForWrite(SubjectId subject) {
        DataKey cached = cache.get(subject);
        if (cached != null) {
            return cached;
        }
        long epoch = cache.epoch();
        Optional<StoredKey> stored = keys.find(subject);
        if (stored.isEmpty()) {
            if (ledger.shreddedAt(subject).isPresent()) {
                throw new SubjectKeyDestroyed(subject);
            }
            createKey(subject);
            // A shred racing with the creation wrote the ledger first: look again after inserting
            // (shred: ledger then delete; here: insert then ledger), so no key outlives its shred.
            if (ledger.shreddedAt(subject).isPresent()) {
                keys.delete(subject);
                throw new SubjectKeyDestroyed(subject);
            }
            stored = keys.find(subject);
            if (stored.isEmpty()) {
                throw new SubjectKeyDestroyed(subject);
            }
        }
        return load(stored.get(), epoch);
    }

    private DataKey keyForRead(SubjectId subject) {
        DataKey cached = cache.get(subject);
        if (cached != null) {
            return cached;
        }
        long epoch = cache.epoch();
        Optional<StoredKey> stored = keys.find(subject);
        if (stored.isEmpty()) {
            if (ledger.shreddedAt(subject).isPresent()) {
                throw new SubjectKeyDestroyed(subject);
            }
            throw new CiphertextRejected(subject, "no data key exists for the subject");
        }
        return load(stored.get(), epoch);
    }

    private void createKey(SubjectId subject) {
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            StoredKey key = new StoredKey(subject, UUID.randomUUID(), master.wrap(keyset, subject),
                    master.primaryKeyId());
            if (keys.insertIfAbsent(key, clock.instant())) {
                log.debug("Created data key {} for subject {}", key.keyId(), subject);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not create a data key for subject " + subject + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private DataKey load(StoredKey stored, long epoch) {
        try {
            KeysetHandle keyset = master.unwrap(stored.wrapped(), stored.subject());
            DataKey key = new DataKey(stored.keyId(), keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
            cache.put(stored.subject(), key, epoch);
            return key;
        } catch (GeneralSecurityException e) {
            log.error("The data key of subject {} could not be unwrapped with the master keyset (master key id {})",
                    stored.subject(), stored.masterKeyId());
            throw new CiphertextRejected(stored.subject(), "its data key could not be unwrapped");
        }
    }

    /** Length-prefixed subject id, category and record id: unambiguous, so no two rows share it. */
    static byte[] associatedData(SubjectId subject, String category, UUID recordId) {
        if (category.isBlank() || category.length() > MAX_CATEGORY) {
            throw new InvalidInput("category", "must be 1 to " + MAX_CATEGORY + " characters", category.isBlank() ? "error.field.required" : "error.field.tooLong", String.valueOf(MAX_CATEGORY));
        }
        byte[] s = subject.value().toString().getBytes(StandardCharsets.US_ASCII);
        byte[] c = category.getBytes(StandardCharsets.UTF_8);
        byte[] r = recordId.toString().getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(12 + s.length + c.length + r.length)
                .putInt(s.length).put(s).putInt(c.length).put(c).putInt(r.length).put(r).array();
    }
}
