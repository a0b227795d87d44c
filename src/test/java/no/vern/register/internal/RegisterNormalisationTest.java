package no.vern.register.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import no.vern.register.PostalAddress;

/** Normalisation and validation of identifiers before storage and blind-index lookup (issue 4 part 2). */
class RegisterNormalisationTest {

    @ParameterizedTest
    @CsvSource({ "Kari.Nordmann@Example.NO,kari.nordmann@example.no", "'  ola@example.no ',ola@example.no",
            "post@blåbær.no,post@xn--blbr-roah.no", "Per@ÆØÅ.example,per@xn--5cab8c.example",
            "a+tag@sub.example.com,a+tag@sub.example.com" })
    void emailsAreTrimmedLowerCasedAndIdnEncoded(String raw, String expected) {
        assertThat(EmailAddresses.normalise(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "no-at-sign", "@example.no", "kari@", "kari@localhost", "ka ri@example.no",
            "kari@exa_mple.no", "kari..n@example.no", "kari@-example.no" })
    void invalidEmailsAreRejectedWithoutEchoingTheValue(String raw) {
        assertThatThrownBy(() -> EmailAddresses.normalise(raw)).isInstanceOf(Rejected.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(raw.strip()));
    }

    @org.junit.jupiter.api.Test
    void anAddressThatIdnEncodingMakesTooLongIsRejectedSoNormalisingTwiceGivesTheSame() {
        // Found by NormaliserFuzzing: 242 characters as typed, 260 once each "ø…" label becomes "xn--…" (61 each).
        String label = "ø".repeat(55);
        String raw = "kari.nordm@" + label + "." + label + "." + label + "." + "a".repeat(60) + ".no";
        assertThat(raw.length()).isLessThanOrEqualTo(254);
        assertThatThrownBy(() -> EmailAddresses.normalise(raw)).isInstanceOf(Rejected.class);
    }

    @ParameterizedTest
    @CsvSource({ "'+47 915 55 123',+4791555123", "91555123,+4791555123", "0047 22 12 34 56,+4722123456",
            "'+46 70 123 45 67',+46701234567", "+1 (202) 555-0143,+12025550143", "'+44 20 7946 0958',+442079460958" })
    void phonesBecomeE164WithNorwayAsDefaultRegion(String raw, String expected) {
        assertThat(PhoneNumbers.normalise(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "12", "abc", "+47 123", "9155512345678" })
    void invalidPhonesAreRejected(String raw) {
        assertThatThrownBy(() -> PhoneNumbers.normalise(raw)).isInstanceOf(Rejected.class);
    }

    @ParameterizedTest
    @CsvSource({ "923609016,923609016", "'923 609 016',923609016", "NO 923 609 016 MVA,923609016",
            "974760673,974760673", "889640782,889640782" })
    void validOrgNumbersPassTheMod11Check(String raw, String expected) {
        assertThat(OrgNumbers.normalise(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "923609017", "123456789", "12345678", "9236090161", "abcdefghi" })
    void invalidOrgNumbersAreRejected(String raw) {
        assertThatThrownBy(() -> OrgNumbers.normalise(raw)).isInstanceOf(Rejected.class);
    }

    @ParameterizedTest
    @CsvSource({ "86011117947,86011117947", "'8601 11 17947',86011117947", "'8601.11.17947',86011117947",
            "'NO93 8601 1117 947',NO9386011117947", "'DE89 3704 0044 0532 0130 00',DE89370400440532013000",
            "GB82WEST12345698765432,GB82WEST12345698765432" })
    void validAccountNumbersAndIbansAreAccepted(String raw, String expected) {
        assertThat(BankAccounts.normalise(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "86011117948", "12345678901", "NO9486011117947", "DE89370400440532013001", "1234",
            "GB82WEST1234569876543X" })
    void invalidAccountNumbersAndIbansAreRejected(String raw) {
        assertThatThrownBy(() -> BankAccounts.normalise(raw)).isInstanceOf(Rejected.class);
    }

    @org.junit.jupiter.api.Test
    void norwegianAddressesNeedAFourDigitPostcode() {
        assertThat(PostalAddresses.normalise(new PostalAddress(" Storgata  1 ", "0150", "Oslo", null)))
                .isEqualTo(new PostalAddress("Storgata 1", "0150", "Oslo", "NO"));
        assertThatThrownBy(() -> PostalAddresses.normalise(new PostalAddress("Storgata 1", "150", "Oslo", "no")))
                .isInstanceOf(Rejected.class);
        assertThat(PostalAddresses.normalise(new PostalAddress("10 Downing St", "sw1a 2aa", "London", "gb")).postcode())
                .isEqualTo("SW1A 2AA");
        assertThatThrownBy(() -> PostalAddresses.normalise(new PostalAddress(null, "0150", "Oslo", "NO")))
                .isInstanceOf(Rejected.class);
    }

    @org.junit.jupiter.api.Test
    void addressesSurviveTheStoredForm() {
        PostalAddress address = new PostalAddress("Storgata 1", "0150", "Oslo", "NO");
        assertThat(PostalAddresses.parse(PostalAddresses.format(address))).isEqualTo(address);
        assertThat(address.toString()).doesNotContain("Storgata");
    }

    @org.junit.jupiter.api.Test
    void csvWithSemicolonsOrCommasAndQuotesIsParsed() {
        assertThat(CsvImport.parse("name;email\n\"Nordmann; Kari\";k@example.no\r\n"))
                .containsExactly(java.util.List.of("name", "email"), java.util.List.of("Nordmann; Kari", "k@example.no"));
        assertThat(CsvImport.parse("name,email\n\"Say \"\"hi\"\"\",k@example.no"))
                .containsExactly(java.util.List.of("name", "email"), java.util.List.of("Say \"hi\"", "k@example.no"));
    }
}
