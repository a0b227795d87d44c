package no.vern.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 6238 TOTP: the test vectors of its Appendix B, drift, and the key URI apps read. */
class TotpTest {

    private static final byte[] SEED_SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA512 = ("1234567890".repeat(6) + "1234").getBytes(StandardCharsets.US_ASCII);

    /** RFC 6238, Appendix B: time (s), T (hex), and the eight-digit TOTP for SHA1, SHA256 and SHA512. */
    @ParameterizedTest
    @CsvSource({
            "59,          0000000000000001, 94287082, 46119246, 90693936",
            "1111111109,  00000000023523EC, 07081804, 68084774, 25091201",
            "1111111111,  00000000023523ED, 14050471, 67062674, 99943326",
            "1234567890,  000000000273EF07, 89005924, 91819424, 93441116",
            "2000000000,  0000000003F940AA, 69279037, 90698825, 38618901",
            "20000000000, 0000000027BC86AA, 65353130, 77737706, 47863826" })
    void appendixBTestVectors(long time, String stepHex, String sha1, String sha256, String sha512) {
        long step = Totp.step(Instant.ofEpochSecond(time));
        assertThat(step).isEqualTo(Long.parseLong(stepHex, 16));
        assertThat(Totp.code(SEED_SHA1, step, 8, "HmacSHA1")).isEqualTo(sha1);
        assertThat(Totp.code(SEED_SHA256, step, 8, "HmacSHA256")).isEqualTo(sha256);
        assertThat(Totp.code(SEED_SHA512, step, 8, "HmacSHA512")).isEqualTo(sha512);
    }

    @Test
    void sixDigitCodesAreTheLastSixOfTheEightDigitOnes() {
        // RFC 4226 truncation: the same binary modulo 10^6 instead of 10^8.
        assertThat(Totp.code(SEED_SHA1, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
    }

    @Test
    void aCodeMatchesInItsStepAndOneStepEitherSideButNotTwo() {
        Instant now = Instant.ofEpochSecond(1_111_111_111);
        long step = Totp.step(now);
        assertThat(Totp.matchingStep(SEED_SHA1, Totp.code(SEED_SHA1, step), now)).hasValue(step);
        assertThat(Totp.matchingStep(SEED_SHA1, Totp.code(SEED_SHA1, step - 1), now)).hasValue(step - 1);
        assertThat(Totp.matchingStep(SEED_SHA1, Totp.code(SEED_SHA1, step + 1), now)).hasValue(step + 1);
        assertThat(Totp.matchingStep(SEED_SHA1, Totp.code(SEED_SHA1, step - 2), now)).isEmpty();
        assertThat(Totp.matchingStep(SEED_SHA1, "12345", now)).isEmpty();
        assertThat(Totp.matchingStep(SEED_SHA1, "abcdef", now)).isEmpty();
        // Apps show "123 456": the space is allowed.
        String code = Totp.code(SEED_SHA1, step);
        assertThat(Totp.matchingStep(SEED_SHA1, code.substring(0, 3) + " " + code.substring(3), now)).hasValue(step);
    }

    @Test
    void base32IsRfc4648WithoutPaddingAndTheUriNamesIssuerAccountAndParameters() {
        // RFC 4648 section 10 test vectors, padding dropped.
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Totp.base32("fooba".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTB");
        assertThat(Totp.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(Totp.uri("kari", SEED_SHA1)).isEqualTo("otpauth://totp/Vern:kari?secret="
                + "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Vern&algorithm=SHA1&digits=6&period=30");
    }
}
