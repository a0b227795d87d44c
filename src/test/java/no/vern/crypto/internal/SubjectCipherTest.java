package no.vern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.crypto.CiphertextRejected;
import no.vern.crypto.SubjectCipher;
import no.vern.shared.SubjectId;

/** Envelope encryption per subject: round trip, random nonces, and associated data binding rows. */
@SpringBootTest
@AutoConfigureMockMvc // unused here: it shares one context with the audit and processing tests instead of starting its own
class SubjectCipherTest {

    @Autowired
    SubjectCipher cipher;

    @Autowired
    JdbcClient appJdbc;

    private final SubjectId alice = SubjectId.random();
    private final SubjectId bob = SubjectId.random();
    private final UUID record = UUID.randomUUID();

    @Test
    void encryptedValueDecryptsBackToThePlaintext() {
        byte[] ciphertext = cipher.encryptText(alice, "email", record, "kari@example.no");

        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("kari");
        assertThat(cipher.decryptText(alice, "email", record, ciphertext)).isEqualTo("kari@example.no");
    }

    @Test
    void samePlaintextTwiceGivesDifferentCiphertexts() {
        byte[] first = cipher.encryptText(alice, "name", record, "Kari Nordmann");
        byte[] second = cipher.encryptText(alice, "name", record, "Kari Nordmann");

        assertThat(first).isNotEqualTo(second);
        assertThat(cipher.decryptText(alice, "name", record, second)).isEqualTo("Kari Nordmann");
    }

    @Test
    void ciphertextMovedToAnotherSubjectIsRejected() {
        cipher.ensureKey(bob);
        byte[] ciphertext = cipher.encryptText(alice, "phone", record, "+4791234567");

        assertThatThrownBy(() -> cipher.decrypt(bob, "phone", record, ciphertext))
                .isInstanceOf(CiphertextRejected.class)
                .hasMessageContaining(bob.toString())
                .hasMessageNotContaining("+4791234567");
    }

    @Test
    void ciphertextPresentedAsAnotherCategoryIsRejected() {
        byte[] ciphertext = cipher.encryptText(alice, "phone", record, "+4791234567");

        assertThatThrownBy(() -> cipher.decrypt(alice, "email", record, ciphertext))
                .isInstanceOf(CiphertextRejected.class);
    }

    @Test
    void ciphertextMovedToAnotherRecordIsRejected() {
        byte[] ciphertext = cipher.encryptText(alice, "phone", record, "+4791234567");

        assertThatThrownBy(() -> cipher.decrypt(alice, "phone", UUID.randomUUID(), ciphertext))
                .isInstanceOf(CiphertextRejected.class);
    }

    @Test
    void tamperedCiphertextIsRejected() {
        byte[] ciphertext = cipher.encryptText(alice, "name", record, "Kari");
        ciphertext[ciphertext.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(alice, "name", record, ciphertext))
                .isInstanceOf(CiphertextRejected.class);
    }

    @Test
    void subjectWithoutKeyCannotDecryptAnything() {
        byte[] ciphertext = cipher.encryptText(alice, "name", record, "Kari");

        assertThatThrownBy(() -> cipher.decrypt(SubjectId.random(), "name", record, ciphertext))
                .isInstanceOf(CiphertextRejected.class);
    }

    @Test
    void ensureKeyIsIdempotent() {
        UUID first = cipher.ensureKey(alice);

        assertThat(cipher.ensureKey(alice)).isEqualTo(first);
    }

    @Test
    void concurrentFirstUseCreatesOneKey() throws Exception {
        SubjectId subject = SubjectId.random();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = java.util.stream.IntStream.range(0, 8)
                    .mapToObj(i -> pool.submit(() -> cipher.ensureKey(subject))).toList();
            var ids = new java.util.HashSet<UUID>();
            for (var f : futures) {
                ids.add(f.get());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void applicationRoleCannotReadTheKeyStore() {
        cipher.ensureKey(alice);

        assertThatThrownBy(() -> appJdbc.sql("SELECT count(*) FROM vern_keys.subject_key").query(Long.class).single())
                .hasStackTraceContaining("permission denied");
    }
}
