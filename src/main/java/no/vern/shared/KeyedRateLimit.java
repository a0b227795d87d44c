package no.vern.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * The one rate limit of Vern: a budget of requests per key (a client IP, an account, the blind index of an
 * address) and window, in memory on this node (Bucket4j), bounded in number of keys and dropped once idle for
 * two windows, so a flood of distinct keys cannot grow the heap. Two shapes of refill:
 * {@link #of smooth} (public write endpoints: breach report, event sign-up, banner consent, beacon) and
 * {@link #refilledWhole whole at the end of the window} (failed logins and tokens, privacy-center codes: a slow
 * attacker gains nothing by spacing attempts). A third shape, {@link #progressive}, counts failures and answers
 * each one past a free allowance with a wait that doubles up to a cap (staff login: an attacker cannot lock an
 * account for long, yet gains little by guessing). A used-up budget is answered with {@link TooManyRequests}.
 */
public final class KeyedRateLimit {

    private final Cache<String, Bucket> buckets;
    private final Cache<String, Failures> failures;
    private final int capacity;
    private final Duration window;
    private final boolean whole;
    private final @Nullable Progression progression;

    private KeyedRateLimit(int capacity, Duration window, long maxKeys, boolean whole, @Nullable Progression progression) {
        this.capacity = Math.max(1, capacity);
        this.window = window;
        this.whole = whole;
        this.progression = progression;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(window.multipliedBy(2)).build();
        this.failures = Caffeine.newBuilder().maximumSize(maxKeys)
                .expireAfterWrite(progression == null ? window : progression.forgetAfter()).build();
    }

    /** At most {@code capacity} requests per key and window (at least one), refilled smoothly. */
    public static KeyedRateLimit of(int capacity, Duration window, long maxKeys) {
        return new KeyedRateLimit(capacity, window, maxKeys, false, null);
    }

    /** At most {@code capacity} requests per key and window (at least one), refilled whole when the window ends. */
    public static KeyedRateLimit refilledWhole(int capacity, Duration window, long maxKeys) {
        return new KeyedRateLimit(capacity, window, maxKeys, true, null);
    }

    /**
     * A progressive delay per key: the first {@code free} failures cost nothing; failure number {@code free + n}
     * makes the key wait {@code firstDelay · 2^(n-1)}, at most {@code maxDelay}, before its next attempt. A key
     * whose last failure is {@code forgetAfter} old starts afresh. Attempts made while the key waits are refused
     * without counting, so hammering does not lengthen the wait: nobody can keep a key blocked for longer than
     * {@code maxDelay} after the last attempt that was actually made. {@link #tryAcquire} counts an attempt as a
     * failure before it is made (concurrent attempts cannot all pass), {@link #giveBack} undoes that for one that
     * succeeded, and {@link #forget} clears the key.
     */
    public static KeyedRateLimit progressive(int free, Duration firstDelay, Duration maxDelay, Duration forgetAfter,
            long maxKeys, Clock clock) {
        return new KeyedRateLimit(1, maxDelay, maxKeys, false,
                new Progression(Math.max(0, free), firstDelay, maxDelay, forgetAfter, clock));
    }

    /** Takes one request from the key's allowance; false when it is used up (progressive: while the key waits). */
    public boolean tryAcquire(String key) {
        Progression p = progression;
        if (p == null) {
            return bucket(key).tryConsume(1);
        }
        boolean[] taken = { false };
        failures.asMap().compute(key, (k, old) -> {
            Instant now = p.clock().instant();
            Failures current = old == null || old.forgotten(p, now) ? Failures.NONE : old;
            if (!current.waitAt(p, now).isZero()) {
                return current;
            }
            taken[0] = true;
            return new Failures(current.count() + 1, now);
        });
        return taken[0];
    }

    /** Takes one request from the key's allowance; {@link TooManyRequests} (retry after one window) when used up. */
    public void acquire(String key, String detail) {
        if (!tryAcquire(key)) {
            throw refusal(detail);
        }
    }

    /** The problem that refuses a request over this limit. */
    public TooManyRequests refusal(String detail) {
        return new TooManyRequests(detail, window);
    }

    /** The problem that refuses this key now, with {@code Retry-After} the key's remaining wait (progressive). */
    public TooManyRequests refusal(String key, String detail) {
        Duration wait = retryAfter(key);
        return new TooManyRequests(detail, wait.isZero() ? window : wait);
    }

    /**
     * How long the key must wait before its next attempt (zero when it may try now). Progressive only; the
     * other shapes answer their window when used up.
     */
    public Duration retryAfter(String key) {
        Progression p = progression;
        if (p == null) {
            return exhausted(key) ? window : Duration.ZERO;
        }
        Failures current = failures.getIfPresent(key);
        Instant now = p.clock().instant();
        return current == null || current.forgotten(p, now) ? Duration.ZERO : current.waitAt(p, now);
    }

    /** Whether the key's allowance is used up, taking nothing (progressive: whether it must wait). */
    public boolean exhausted(String key) {
        if (progression != null) {
            return !retryAfter(key).isZero();
        }
        return bucket(key).getAvailableTokens() <= 0;
    }

    /** Gives back one request taken by {@link #tryAcquire} (e.g. an attempt that succeeded, when only failures count). */
    public void giveBack(String key) {
        if (progression != null) {
            failures.asMap().computeIfPresent(key, (k, old) -> old.count() <= 1 ? null : new Failures(old.count() - 1, old.last()));
            return;
        }
        bucket(key).addTokens(1);
    }

    /** Forgets the key's use (e.g. a successful login clears the account's failures, or an admin lifts a delay). */
    public void forget(String key) {
        failures.invalidate(key);
        buckets.invalidate(key);
    }

    /** The window of the budget (also the {@code Retry-After} of a refusal). */
    public Duration window() {
        return window;
    }

    /** Forgets every key's use (tests). */
    public void reset() {
        buckets.invalidateAll();
        failures.invalidateAll();
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> Bucket.builder().addLimit(whole
                ? Bandwidth.builder().capacity(capacity).refillIntervally(capacity, window).build()
                : Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build()).build());
    }

    /** The schedule of a progressive limit. */
    private record Progression(int free, Duration firstDelay, Duration maxDelay, Duration forgetAfter, Clock clock) {

        /** The wait after {@code count} failures: none within the free allowance, then doubling up to the cap. */
        Duration delayAfter(int count) {
            if (count <= free) {
                return Duration.ZERO;
            }
            int doublings = Math.min(count - free - 1, 30);
            Duration delay = firstDelay.multipliedBy(1L << doublings);
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }

    /** A key's failures in a row and when the last was counted. */
    private record Failures(int count, Instant last) {

        static final Failures NONE = new Failures(0, Instant.EPOCH);

        Duration waitAt(Progression p, Instant now) {
            Instant until = last.plus(p.delayAfter(count));
            return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
        }

        boolean forgotten(Progression p, Instant now) {
            return !last.plus(p.forgetAfter()).isAfter(now);
        }
    }
}
