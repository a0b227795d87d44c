package no.vern.crypto;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import no.vern.shared.SubjectId;

/**
 * Encrypts and decrypts one personal-data value under the data key of the subject it belongs to,
 * bound to (subject, category, record id) so that a ciphertext copied to another row fails.
 *
 * <p>A key is created on first use. After {@link CryptoShredder#shred} both directions throw
 * {@link SubjectKeyDestroyed}: the subject can neither be read nor be written again.
 */
public interface SubjectCipher {

    /** Encrypts a value of the given category for a record of the subject (random nonce every time). */
    byte[] encrypt(SubjectId subject, String category, UUID recordId, byte[] plaintext);

    /** Decrypts what {@link #encrypt} produced for exactly this subject, category and record id. */
    byte[] decrypt(SubjectId subject, String category, UUID recordId, byte[] ciphertext);

    /** Makes sure the subject has a data key (idempotent, safe under concurrency); returns its key id. */
    UUID ensureKey(SubjectId subject);

    /**
     * A new subject id whose data key exists already (issue 28 item 4): taken from keys generated ahead and stored
     * in batches, so the subject's first write pays no key-store round trip and no commit of its own. The id is
     * random and handed out once; use it for a subject that is being created, never for an existing one.
     */
    SubjectId newSubject();

    /**
     * {@link #newSubject} for many at once, outside the pool: {@code count} fresh random ids whose keys are generated and
     * stored in one batched insert and one key-store commit (a purge batch's per-case keys, issue 28 item 8). No id can
     * be in the shred ledger (it is random and new), so none is looked up there. Returns the ids in order; a key that
     * could not be stored is left out (so the list may be shorter).
     */
    java.util.List<SubjectId> newSubjects(int count);

    /** UTF-8 convenience form of {@link #encrypt(SubjectId, String, UUID, byte[])}. */
    default byte[] encryptText(SubjectId subject, String category, UUID recordId, String plaintext) {
        return encrypt(subject, category, recordId, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /** UTF-8 convenience form of {@link #decrypt(SubjectId, String, UUID, byte[])}. */
    default String decryptText(SubjectId subject, String category, UUID recordId, byte[] ciphertext) {
        return new String(decrypt(subject, category, recordId, ciphertext), StandardCharsets.UTF_8);
    }
}
