package no.vern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import no.vern.crypto.SubjectCipher;
import no.vern.shared.SubjectId;

/**
 * A rough, JMH-free measurement of encrypt/decrypt with a cached data key; it logs the figures and
 * asserts only correctness (no timed assertions on a shared machine).
 */
@SpringBootTest
class CryptoThroughputMeasurement {

    private static final Logger log = LoggerFactory.getLogger(CryptoThroughputMeasurement.class);
    private static final int ROUNDS = 5_000;

    @Autowired
    SubjectCipher cipher;

    @Test
    void measuresEncryptAndDecryptWithACachedKey() {
        SubjectId subject = SubjectId.random();
        UUID record = UUID.randomUUID();
        byte[] value = "kari.nordmann@example.no".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] ciphertext = cipher.encrypt(subject, "email", record, value); // warm the key cache

        long start = System.nanoTime();
        for (int i = 0; i < ROUNDS; i++) {
            ciphertext = cipher.encrypt(subject, "email", record, value);
        }
        long encrypted = System.nanoTime();
        byte[] plaintext = value;
        for (int i = 0; i < ROUNDS; i++) {
            plaintext = cipher.decrypt(subject, "email", record, ciphertext);
        }
        long decrypted = System.nanoTime();

        log.info("Crypto measurement: {} encrypts in {} ms, {} decrypts in {} ms (cached key, {}-byte values)",
                ROUNDS, (encrypted - start) / 1_000_000, ROUNDS, (decrypted - encrypted) / 1_000_000, value.length);
        assertThat(plaintext).isEqualTo(value);
    }
}
