package no.vern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.MacConfig;

import no.vern.crypto.BlindIndex;
import no.vern.shared.InvalidInput;

/** Blind indexes: keyed, deterministic, domain-separated by kind, 16 bytes, rotatable. */
class BlindIndexTest {

    @BeforeAll
    static void registerTink() throws GeneralSecurityException {
        MacConfig.register();
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
