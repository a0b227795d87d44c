package no.vern.crypto.internal;

import io.micrometer.core.instrument.MeterRegistry;

/** Counters of crypto operations by kind and outcome; tags never carry ids or data. */
final class CryptoMetrics {

    private final MeterRegistry registry;

    CryptoMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String operation, String outcome) {
        count(operation, outcome, 1);
    }

    void count(String operation, String outcome, int times) {
        registry.counter("vern.crypto.operations", "operation", operation, "outcome", outcome).increment(times);
    }
}
