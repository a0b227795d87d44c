package no.vern.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one email and phone normalisation every module uses before storage, blind-index lookup and sending. */
class ContactNormalisationTest {

    @ParameterizedTest
    @CsvSource({ "Kari.Nordmann@Example.NO,kari.nordmann@example.no", "'  ola@example.no ',ola@example.no",
            "post@blåbær.no,post@xn--blbr-roah.no", "Per@ÆØÅ.example,per@xn--5cab8c.example",
            "a+tag@sub.example.com,a+tag@sub.example.com" })
    void emailsAreTrimmedLowerCasedAndIdnEncoded(String raw, String expected) {
        assertThat(EmailAddresses.normalise(raw)).isEqualTo(expected);
        assertThat(EmailAddresses.tryNormalise(raw)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "no-at-sign", "@example.no", "kari@", "kari@localhost", "ka ri@example.no",
            "kari@exa_mple.no", "kari..n@example.no", "kari@-example.no", "kari@example.no.", "kari@exa\u0000mple.no" })
    void invalidEmailsAreRejectedWithoutEchoingTheValue(String raw) {
        assertThatThrownBy(() -> EmailAddresses.normalise(raw)).isInstanceOf(Rejected.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(raw.strip()));
        assertThat(EmailAddresses.tryNormalise(raw)).isEmpty();
    }

    @Test
    void anAddressThatIdnEncodingMakesTooLongIsRejectedSoNormalisingTwiceGivesTheSame() {
        // Found by NormaliserFuzzing: 242 characters as typed, 260 once each "ø…" label becomes "xn--…" (61 each).
        String label = "ø".repeat(55);
        String raw = "kari.nordm@" + label + "." + label + "." + label + "." + "a".repeat(60) + ".no";
        assertThat(raw.length()).isLessThanOrEqualTo(254);
        assertThatThrownBy(() -> EmailAddresses.normalise(raw)).isInstanceOf(Rejected.class);
    }

    @Test
    void aRequestFieldThatIsMissingOrInvalidIsAProblemNamingTheFieldNotTheValue() {
        assertThat(EmailAddresses.normalise(" Kari@Example.no", "email")).isEqualTo("kari@example.no");
        assertThatThrownBy(() -> EmailAddresses.normalise(null, "ownerEmail")).isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).errors()).extracting(InvalidInput.FieldError::field)
                        .containsExactly("ownerEmail"));
        assertThatThrownBy(() -> EmailAddresses.normalise("kari@secret-domain", "email"))
                .isInstanceOf(InvalidInput.class).hasMessageStartingWith("email: ").hasMessageNotContaining("secret");
        assertThat(EmailAddresses.tryNormalise(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "'+47 915 55 123',+4791555123", "91555123,+4791555123", "0047 22 12 34 56,+4722123456",
            "'+46 70 123 45 67',+46701234567", "+1 (202) 555-0143,+12025550143", "'+44 20 7946 0958',+442079460958" })
    void phonesBecomeE164WithNorwayAsDefaultRegion(String raw, String expected) {
        assertThat(PhoneNumbers.normalise(raw)).isEqualTo(expected);
        assertThat(PhoneNumbers.tryNormalise(raw)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "12", "abc", "+47 123", "9155512345678",
            // libphonenumber drops the letters and calls the 16 digits left a valid German number; E.164 allows 15
            "+49 71u 55 129 71u 55 123" })
    void invalidPhonesAreRejected(String raw) {
        assertThatThrownBy(() -> PhoneNumbers.normalise(raw)).isInstanceOf(Rejected.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(raw));
        assertThat(PhoneNumbers.tryNormalise(raw)).isEmpty();
    }
}
