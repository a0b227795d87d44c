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

    @FuzzTest(maxDuration = "15s")
    void anyBodyIsAPayloadOrABadRequest(byte[] body) {
        check(body);
    }

    @Tag("long")
    @FuzzTest(maxDuration = "10m")
    void anyBodyIsAPayloadOrABadRequestLong(byte[] body) {
        check(body);
    }

    private static void check(byte[] body) {
        try {
            StrictJson.parse(body, BeaconIngest.Payload.class, "k, id, u, r, d, w");
        } catch (InvalidInput expected) {
            // a clear 400 problem
        }
    }
}
