package no.vern.register.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import no.vern.register.PostalAddress;
import no.vern.shared.Rejected;

/**
 * Normalisation and validation of the register's own identifiers before storage and blind-index lookup (issue 4
 * part 2); emails and phones are normalised by the shared kernel ({@code no.vern.shared.ContactNormalisationTest}).
 */
class RegisterNormalisationTest {

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
        assertThat(no.vern.shared.CsvReader.parse("name;email\n\"Nordmann; Kari\";k@example.no\r\n"))
                .containsExactly(java.util.List.of("name", "email"), java.util.List.of("Nordmann; Kari", "k@example.no"));
        assertThat(no.vern.shared.CsvReader.parse("name,email\n\"Say \"\"hi\"\"\",k@example.no"))
                .containsExactly(java.util.List.of("name", "email"), java.util.List.of("Say \"hi\"", "k@example.no"));
    }
}
