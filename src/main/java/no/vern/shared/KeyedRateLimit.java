package no.vern.shared;

import java.time.Duration;

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
 * attacker gains nothing by spacing attempts). A used-up budget is answered with {@link TooManyRequests}.
 */
public final class KeyedRateLimit {

    private final Cache<String, Bucket> buckets;
    private final int capacity;
    private final Duration window;
    private final boolean whole;

    private KeyedRateLimit(int capacity, Duration window, long maxKeys, boolean whole) {
        this.capacity = Math.max(1, capacity);
        this.window = window;
        this.whole = whole;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(window.multipliedBy(2)).build();
    }

    /** At most {@code capacity} requests per key and window (at least one), refilled smoothly. */
    public static KeyedRateLimit of(int capacity, Duration window, long maxKeys) {
        return new KeyedRateLimit(capacity, window, maxKeys, false);
    }

    /** At most {@code capacity} requests per key and window (at least one), refilled whole when the window ends. */
    public static KeyedRateLimit refilledWhole(int capacity, Duration window, long maxKeys) {
        return new KeyedRateLimit(capacity, window, maxKeys, true);
    }

    /** Takes one request from the key's allowance; false when it is used up. */
    public boolean tryAcquire(String key) {
        return bucket(key).tryConsume(1);
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

    /** Whether the key's allowance is used up, taking nothing. */
    public boolean exhausted(String key) {
        return bucket(key).getAvailableTokens() <= 0;
    }

    /** Gives back one request taken by {@link #tryAcquire} (e.g. an attempt that succeeded, when only failures count). */
    public void giveBack(String key) {
        bucket(key).addTokens(1);
    }

    /** The window of the budget (also the {@code Retry-After} of a refusal). */
    public Duration window() {
        return window;
    }

    /** Forgets every key's use (tests). */
    public void reset() {
        buckets.invalidateAll();
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> Bucket.builder().addLimit(whole
                ? Bandwidth.builder().capacity(capacity).refillIntervally(capacity, window).build()
                : Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build()).build());
    }
}
