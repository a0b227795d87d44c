package no.vern.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import no.vern.crypto.SubjectCipher;
import no.vern.shared.KernelCipher;
import no.vern.shared.SubjectId;

/**
 * The shared kernel's {@link KernelCipher}: a data key of its own, kept and wrapped like a subject's (its
 * id is a name-based UUID, which no random subject id can equal). What the kernel holds under it (queued
 * mail) is deleted once used, so the key is never shredded.
 */
final class KernelKey implements KernelCipher {

    /** The key's owner id in the key store. */
    static final SubjectId OWNER = new SubjectId(UUID.nameUUIDFromBytes("vern:shared-kernel".getBytes(StandardCharsets.UTF_8)));

    private final SubjectCipher cipher;

    KernelKey(SubjectCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public byte[] encrypt(String category, UUID recordId, byte[] plaintext) {
        return cipher.encrypt(OWNER, category, recordId, plaintext);
    }

    @Override
    public byte[] decrypt(String category, UUID recordId, byte[] ciphertext) {
        return cipher.decrypt(OWNER, category, recordId, ciphertext);
    }
}
