package no.vern.changes.internal;

import java.time.Duration;

/**
 * When a failed webhook delivery is tried again: exponential backoff (the base doubled per failed attempt, capped),
 * plus up to a quarter of the delay as jitter, so that receivers coming back after an outage are not hit by every
 * queue at the same instant. The jitter's random value comes from outside (0 ≤ value < 1), so the rule is pure.
 *
 * @param base the delay after the first failed attempt
 * @param max the longest delay (before jitter)
 */
record Backoff(Duration base, Duration max) {

    /** The share of the delay that jitter may add. */
    static final double JITTER_SHARE = 0.25;

    Backoff {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max");
        }
    }

    /** The delay after {@code failedAttempts} (1 or more) failed attempts, with {@code random} in [0, 1). */
    Duration after(int failedAttempts, double random) {
        if (failedAttempts < 1 || random < 0 || random >= 1) {
            throw new IllegalArgumentException("failedAttempts >= 1 and 0 <= random < 1");
        }
        Duration delay = base.multipliedBy(1L << Math.min(failedAttempts - 1, 30));
        if (delay.compareTo(max) > 0 || delay.isNegative()) {
            delay = max;
        }
        return delay.plusMillis((long) (delay.toMillis() * JITTER_SHARE * random));
    }
}
