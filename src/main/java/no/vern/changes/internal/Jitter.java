package no.vern.changes.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Where the backoff's jitter comes from: a value from 0 (inclusive) to 1 (exclusive); injected so that tests can fix it. */
@FunctionalInterface
interface Jitter {

    double next();

    /** Uniformly random. */
    Jitter RANDOM = () -> ThreadLocalRandom.current().nextDouble();
}
