package no.vern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.HmacKey;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.util.SecretBytes;

import no.vern.crypto.BlindIndex;
import no.vern.shared.InvalidInput;

/** Blind indexes: keyed, deterministic, domain-separated by kind, 16 bytes, rotatable. */
class BlindIndexTest {

    @BeforeAll
    static void registerTink() throws GeneralSecurityException {
        MacConfig.register();
        AeadConfig.register(); // for the keyset of another type below, when this class runs alone
    }

    private final BlindIndex index = new HmacBlindIndex(newKeyset());

    @Test
    void sameValueGivesTheSameIndex() {
        assertThat(index.email("kari@example.no")).isEqualTo(index.email("kari@example.no"));
    }

    @Test
    void indexIsSixteenBytes() {
        assertThat(index.phone("+4791234567")).hasSize(16);
    }

    @Test
    void differentValuesGiveDifferentIndexes() {
        assertThat(index.email("kari@example.no")).isNotEqualTo(index.email("ola@example.no"));
    }

    @Test
    void sameValueOfAnotherKindGivesAnotherIndex() {
        assertThat(index.email("+4791234567")).isNotEqualTo(index.phone("+4791234567"));
        assertThat(index.of("email", "x")).isEqualTo(index.email("x"));
    }

    @Test
    void anotherKeyGivesAnotherIndex() {
        BlindIndex other = new HmacBlindIndex(newKeyset());

        assertThat(other.email("kari@example.no")).isNotEqualTo(index.email("kari@example.no"));
    }

    @Test
    void afterRotationLookupsFindValuesIndexedUnderTheOldKey() throws GeneralSecurityException {
        KeysetHandle old = newKeyset();
        KeysetHandle rotated = KeysetHandle.newBuilder(old)
                .addEntry(KeysetHandle.generateEntryFromParameters(HmacBlindIndex.parameters()).withRandomId().makePrimary())
                .build();
        byte[] stored = new HmacBlindIndex(old).email("kari@example.no");

        BlindIndex now = new HmacBlindIndex(rotated);

        assertThat(now.email("kari@example.no")).isNotEqualTo(stored);
        assertThat(now.candidates("email", "kari@example.no")).hasSize(2)
                .first().isEqualTo(now.email("kari@example.no"));
        assertThat(now.candidates("email", "kari@example.no")).anySatisfy(c -> assertThat(c).isEqualTo(stored));
    }

    @Test
    void kindMustBeASimpleName() {
        assertThatThrownBy(() -> index.of("Email Address", "x")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void aRefusedKindIsRefusedEveryTimeAndAnAcceptedOneKeepsItsValue() {
        assertThatThrownBy(() -> index.of("Email Address", "x")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> index.of("Email Address", "x")).isInstanceOf(InvalidInput.class);
        byte[] first = index.of("email", "x");

        assertThat(index.of("email", "x")).isEqualTo(first);
        for (int i = 0; i < HmacBlindIndex.KINDS_KEPT + 5; i++) {
            index.of("kind-" + i, "x"); // more kinds than are kept: the rest are checked on every call
        }
        assertThatThrownBy(() -> index.of("Not-A-Kind", "x")).isInstanceOf(InvalidInput.class);
        assertThat(index.of("kind-" + (HmacBlindIndex.KINDS_KEPT + 4), "x"))
                .isEqualTo(index.of("kind-" + (HmacBlindIndex.KINDS_KEPT + 4), "x"));
    }

    /**
     * The stored indexes must not change with the implementation (issue 28 item 6 made the input cheaper to build):
     * HMAC-SHA256 over the kind's UTF-8 length as 4 bytes big-endian, the kind and the value in UTF-8, truncated to 16
     * bytes. The expected values were computed outside Java (Python's hmac module) for fixed keys.
     */
    @Test
    void indexesAreTheKnownHashesOfTheLengthPrefixedKindAndValue() throws GeneralSecurityException {
        BlindIndex fixed = new HmacBlindIndex(keysetOf(key(0)));

        assertThat(hex(fixed.email("kari@example.no"))).isEqualTo("4d3acf3b146575b0c1d8929b8c5b1df8");
        assertThat(hex(fixed.phone("+4791234567"))).isEqualTo("1e9e78fe0848e77d7f5f9c4ac1540408");
        assertThat(hex(fixed.of("email", "blåbær@ø.no"))).isEqualTo("b97d4bdfbb6fd2af9329dad6d290c834");
        assertThat(hex(fixed.of("email", ""))).isEqualTo("184be57b9a1c478e8b95de42425fa5cf");
    }

    @Test
    void candidatesAreTheKnownHashesUnderEveryKeyPrimaryFirst() throws GeneralSecurityException {
        KeysetHandle old = keysetOf(key(32));
        KeysetHandle rotated = KeysetHandle.newBuilder(old)
                .addEntry(KeysetHandle.importKey(hmacKey(key(0))).withRandomId().makePrimary()).build();
        BlindIndex both = new HmacBlindIndex(rotated);

        assertThat(both.candidates("email", "kari@example.no")).map(BlindIndexTest::hex)
                .containsExactly("4d3acf3b146575b0c1d8929b8c5b1df8", "377e5ed309b3366267e462401b2b24a9");
        assertThat(both.candidates("email", "blåbær@ø.no")).map(BlindIndexTest::hex)
                .containsExactly("b97d4bdfbb6fd2af9329dad6d290c834", "f29d2e3a9cde25dbdc3b6848803264f6");
        assertThat(both.candidates("phone", "+4791234567")).map(BlindIndexTest::hex)
                .containsExactly("1e9e78fe0848e77d7f5f9c4ac1540408", "992846219af208a0d5ee0c3f5a970320");
    }

    @Test
    void threadsHashingAtOnceGetTheSameValuesAsOneThread() throws Exception {
        BlindIndex fixed = new HmacBlindIndex(keysetOf(key(0)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        String kind = (i + thread) % 2 == 0 ? "email" : "phone";
                        String expected = kind.equals("email") ? "4d3acf3b146575b0c1d8929b8c5b1df8" : "1e9e78fe0848e77d7f5f9c4ac1540408";
                        String value = kind.equals("email") ? "kari@example.no" : "+4791234567";
                        if (!hex(fixed.of(kind, value)).equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] key(int first) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (first + i);
        }
        return key;
    }

    private static HmacKey hmacKey(byte[] bytes) throws GeneralSecurityException {
        return HmacKey.builder().setParameters(HmacBlindIndex.parameters())
                .setKeyBytes(SecretBytes.copyFrom(bytes, InsecureSecretKeyAccess.get())).build();
    }

    private static KeysetHandle keysetOf(byte[] bytes) throws GeneralSecurityException {
        return KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(hmacKey(bytes)).withRandomId().makePrimary()).build();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void keysetOfAnotherTypeIsRefused() throws GeneralSecurityException {
        KeysetHandle aead = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);

        assertThatThrownBy(() -> new HmacBlindIndex(aead)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HMAC-SHA256");
    }

    private static KeysetHandle newKeyset() {
        try {
            return KeysetHandle.generateNew(HmacBlindIndex.parameters());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
