package no.vern.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import no.vern.identity.PasswordRefusal;

/** The staff password rule (issue 24, item 4): length, trivial ones, the username, the common-password list. */
class PasswordPolicyTest {

    private static final PasswordPolicy POLICY = new PasswordPolicy();

    @Test
    void aLongUncommonPassphrasePasses() {
        assertThat(POLICY.check("kari", "korrekt-hest-batteri-stift")).isEmpty();
        assertThat(POLICY.check("kari", "Fjellet bak huset 1987!")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "kort", "elleve-tegn" })
    void shortOnesAreRefused(String password) {
        assertThat(POLICY.check("kari", password)).contains(PasswordRefusal.LENGTH);
        assertThat(POLICY.check("kari", "x".repeat(201))).contains(PasswordRefusal.LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = { "aaaaaaaaaaaa", "AAAAAAAAAAAAAAA", "abcabcabcabc", "121212121212", "abcdefghijklm",
            "ZYXWVUTSRQPO", "123456789012", "098765432109", "!!!!!!!!!!!!" })
    void trivialOnesAreRefused(String password) {
        assertThat(POLICY.check("kari", password)).contains(PasswordRefusal.TRIVIAL);
    }

    @Test
    void onesContainingTheUsernameAreRefusedWhateverTheCase() {
        assertThat(POLICY.check("kari.nordmann", "Mitt-KARI.NORDMANN-passord")).contains(PasswordRefusal.CONTAINS_USERNAME);
        assertThat(POLICY.check("admin", "oppstart-admin-passord")).contains(PasswordRefusal.CONTAINS_USERNAME);
        // Two-letter usernames are too short to say anything.
        assertThat(POLICY.check("ka", "karusell-i-byen-99")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "1qaz2wsx3edc", "qwertyuiop1234", "Password1234", "password123456", "1234password!!",
            "!!Sunshine2024", "iloveyou1234", "Q1W2E3R4T5Y6" })
    void commonOnesAreRefusedAlsoWithDigitsOrSymbolsAdded(String password) {
        assertThat(POLICY.check("kari", password)).contains(PasswordRefusal.COMMON);
    }

    @Test
    void theBundledListHoldsTenThousandPasswordsAndItsHeaderNamesSourceAndLicence() throws Exception {
        try (var in = PasswordPolicy.class.getClassLoader().getResourceAsStream("identity/common-passwords.txt")) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(text.lines().filter(l -> !l.startsWith("#") && !l.isBlank())).hasSize(10_000);
            assertThat(text.lines().filter(l -> l.startsWith("#"))).anyMatch(l -> l.contains("zxcvbn"))
                    .anyMatch(l -> l.contains("MIT"));
        }
    }

    @Test
    void everyRefusalHasAnEnglishDetailForTheApiAndIsFoundAgainFromIt() {
        for (PasswordRefusal r : PasswordRefusal.values()) {
            assertThat(PasswordRefusal.ofDetail(r.detail())).contains(r);
            assertThat(r.detail()).doesNotContain("%s");
        }
    }
}
