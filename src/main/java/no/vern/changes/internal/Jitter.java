package no.vern.changes.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Where the backoff's jitter comes from: a value in [0, 1); injected so that tests can fix it. */
@FunctionalInterface
interface Jitter {

    double next();

    /** Uniformly random. */
    Jitter RANDOM = () -> ThreadLocalRandom.current().nextDouble();
}
