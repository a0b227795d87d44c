package no.vern.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the shared email and phone normalisers (issue 14, item 4; issue 22): any input is either refused
 * with {@link Rejected} (a field message, never a 500) or normalised to a canonical value that normalises to
 * itself. Every build replays the committed inputs under {@code NormaliserFuzzingInputs}; {@code bench/fuzz.sh}
 * explores with the {@code long} variant. (The selector byte keeps its meaning from when this target also
 * covered the register's numbers: an even value is an email, an odd one a phone number.)
 */
class NormaliserFuzzing {

    /** Inputs tried in this JVM, printed at the end so a run reports how much it fuzzed. */
    private static final java.util.concurrent.atomic.AtomicLong EXECUTIONS = new java.util.concurrent.atomic.AtomicLong();

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("fuzz executions of NormaliserFuzzing: " + EXECUTIONS.get());
    }

    @FuzzTest(maxDuration = "10s")
    void normalisersRefuseOrCanonicalise(FuzzedDataProvider data) {
        check(data);
    }

    @Tag("long")
    @FuzzTest(maxDuration = "10m")
    void normalisersRefuseOrCanonicaliseLong(FuzzedDataProvider data) {
        check(data);
    }

    private static void check(FuzzedDataProvider data) {
        EXECUTIONS.incrementAndGet();
        boolean email = data.consumeInt(0, 1) == 0;
        String raw = data.consumeRemainingAsString();
        String normalised;
        try {
            normalised = email ? EmailAddresses.normalise(raw) : PhoneNumbers.normalise(raw);
        } catch (Rejected expected) {
            return;
        }
        if (email) {
            assertThat(normalised).matches("[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[a-z0-9.-]{3,253}").hasSizeLessThanOrEqualTo(254)
                    .isEqualTo(EmailAddresses.normalise(normalised));
            assertThat(EmailAddresses.tryNormalise(raw)).contains(normalised);
        } else {
            assertThat(normalised).matches("\\+[1-9][0-9]{3,14}").isEqualTo(PhoneNumbers.normalise(normalised));
        }
    }
}
