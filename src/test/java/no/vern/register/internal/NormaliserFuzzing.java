package no.vern.register.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the normalisers of emails, phones, organisation and bank account numbers (issue 14, item 4):
 * any input is either refused with {@link Rejected} (a field message, never a 500) or normalised to a
 * canonical value that normalises to itself. Run by the {@code fuzz} execution of Surefire for a short
 * time on every build; {@code bench/fuzz.sh} runs the {@code long} variants.
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
        int which = data.consumeInt(0, 3);
        String raw = data.consumeRemainingAsString();
        String normalised;
        try {
            normalised = switch (which) {
                case 0 -> EmailAddresses.normalise(raw);
                case 1 -> PhoneNumbers.normalise(raw);
                case 2 -> OrgNumbers.normalise(raw);
                default -> BankAccounts.normalise(raw);
            };
        } catch (Rejected expected) {
            return;
        }
        switch (which) {
            case 0 -> assertThat(normalised).matches("[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[a-z0-9.-]{3,253}")
                    .isEqualTo(EmailAddresses.normalise(normalised));
            case 1 -> assertThat(normalised).matches("\\+[1-9][0-9]{3,14}").isEqualTo(PhoneNumbers.normalise(normalised));
            case 2 -> assertThat(normalised).matches("[0-9]{9}").isEqualTo(OrgNumbers.normalise(normalised));
            default -> assertThat(normalised).matches("[A-Z0-9]{11,34}").isEqualTo(BankAccounts.normalise(normalised));
        }
    }
}
