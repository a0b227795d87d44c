package no.vern.website.internal;

import org.junit.jupiter.api.Tag;

import com.code_intelligence.jazzer.junit.FuzzTest;

import no.vern.shared.InvalidInput;

/**
 * Fuzzes the beacon's strict JSON reading (issue 14, item 4): any bytes (invalid UTF-8, deep nesting,
 * duplicate keys, huge numbers, trailing tokens) give a payload or a 400 {@link InvalidInput}; nothing
 * else escapes to become a 500.
 */
class BeaconJsonFuzzing {

    /** Inputs tried in this JVM, printed at the end so a run reports how much it fuzzed. */
    private static final java.util.concurrent.atomic.AtomicLong EXECUTIONS = new java.util.concurrent.atomic.AtomicLong();

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("fuzz executions of BeaconJsonFuzzing: " + EXECUTIONS.get());
    }

    @FuzzTest(maxDuration = "10s")
    void anyBodyIsAPayloadOrABadRequest(byte[] body) {
        check(body);
    }

    @Tag("long")
    @FuzzTest(maxDuration = "10m")
    void anyBodyIsAPayloadOrABadRequestLong(byte[] body) {
        check(body);
    }

    private static void check(byte[] body) {
        EXECUTIONS.incrementAndGet();
        try {
            StrictJson.parse(body, BeaconIngest.Payload.class, "k, id, u, r, d, w");
        } catch (InvalidInput expected) {
            // a clear 400 problem
        }
    }
}
