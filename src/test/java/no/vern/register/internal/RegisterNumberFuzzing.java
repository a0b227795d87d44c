package no.vern.register.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import no.vern.shared.Rejected;

/**
 * Fuzzes the register's own normalisers of organisation and bank account numbers (issue 14, item 4): any input
 * is either refused with {@link Rejected} (a field message, never a 500) or normalised to a canonical value
 * that normalises to itself. Emails and phones are fuzzed with the shared kernel's normaliser
 * ({@code no.vern.shared.NormaliserFuzzing}).
 */
class RegisterNumberFuzzing {

    /** Inputs tried in this JVM, printed at the end so a run reports how much it fuzzed. */
    private static final java.util.concurrent.atomic.AtomicLong EXECUTIONS = new java.util.concurrent.atomic.AtomicLong();

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("fuzz executions of RegisterNumberFuzzing: " + EXECUTIONS.get());
    }

    @FuzzTest(maxDuration = "10s")
    void numbersRefuseOrCanonicalise(FuzzedDataProvider data) {
        check(data);
    }

    @Tag("long")
    @FuzzTest(maxDuration = "10m")
    void numbersRefuseOrCanonicaliseLong(FuzzedDataProvider data) {
        check(data);
    }

    private static void check(FuzzedDataProvider data) {
        EXECUTIONS.incrementAndGet();
        boolean org = data.consumeBoolean();
        String raw = data.consumeRemainingAsString();
        String normalised;
        try {
            normalised = org ? OrgNumbers.normalise(raw) : BankAccounts.normalise(raw);
        } catch (Rejected expected) {
            return;
        }
        if (org) {
            assertThat(normalised).matches("[0-9]{9}").isEqualTo(OrgNumbers.normalise(normalised));
        } else {
            assertThat(normalised).matches("[A-Z0-9]{11,34}").isEqualTo(BankAccounts.normalise(normalised));
        }
    }
}
