package no.vern.shared;

import java.util.UUID;

/**
 * Encryption at rest for the personal data the kernel itself holds for a while (the recipient and text
 * of queued mail). The crypto module provides it (the kernel depends on no module); a ciphertext is bound
 * to its category and record id, so one copied to another row does not decrypt.
 */
public interface KernelCipher {

    /** Encrypts a value of the category for the record (a random nonce every time). */
    byte[] encrypt(String category, UUID recordId, byte[] plaintext);

    /** Decrypts what {@link #encrypt} produced for exactly this category and record id. */
    byte[] decrypt(String category, UUID recordId, byte[] ciphertext);
}
