package no.vern.connectors.internal;

import org.junit.jupiter.api.Tag;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import no.vern.connectors.ConnectorType;
import no.vern.shared.InvalidInput;

/**
 * Fuzzes the connectors' strict YAML/JSON configuration and dataset description parser (issue 14, item 4):
 * any text for any connector type either parses or is refused with {@link InvalidInput} (a 400 naming the
 * config field); nothing else escapes (no stack overflow from recursive aliases, no parser exception, no
 * runaway expansion of aliases, which Jazzer would report as a timeout or out-of-memory).
 */
class DatasetDescriptionFuzzing {

    /** Inputs tried in this JVM, printed at the end so a run reports how much it fuzzed. */
    private static final java.util.concurrent.atomic.AtomicLong EXECUTIONS = new java.util.concurrent.atomic.AtomicLong();

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("fuzz executions of DatasetDescriptionFuzzing: " + EXECUTIONS.get());
    }

    @FuzzTest(maxDuration = "10s")
    void anyDescriptionParsesOrIsRefused(FuzzedDataProvider data) {
        check(data);
    }

    @Tag("long")
    @FuzzTest(maxDuration = "10m")
    void anyDescriptionParsesOrIsRefusedLong(FuzzedDataProvider data) {
        check(data);
    }

    private static void check(FuzzedDataProvider data) {
        EXECUTIONS.incrementAndGet();
        ConnectorType type = data.pickValue(ConnectorType.values());
        String text = data.consumeRemainingAsString();
        try {
            ConnectorConfig.parse(type, text);
        } catch (InvalidInput expected) {
            // a clear 400 naming the config field
        }
    }
}
