package no.vern.shared;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;

/**
 * A budget of requests per key (a client IP, usually) and window, refilled smoothly (Bucket4j greedy
 * refill): the one shape of limit that Vern's public write endpoints share (breach report, event sign-up,
 * banner consent, beacon). Buckets live in memory on this node, bounded in number and dropped once idle
 * for two windows, so a flood of distinct keys cannot grow the heap.
 */
public final class KeyedRateLimit {

    private final Cache<String, Bucket> buckets;
    private final int capacity;
    private final Duration window;

    private KeyedRateLimit(int capacity, Duration window, long maxKeys) {
        this.capacity = Math.max(1, capacity);
        this.window = window;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(window.multipliedBy(2)).build();
    }

    /** At most {@code capacity} requests per key and window (at least one). */
    public static KeyedRateLimit of(int capacity, Duration window, long maxKeys) {
        return new KeyedRateLimit(capacity, window, maxKeys);
    }

    /** Takes one request from the key's allowance; false when it is used up. */
    public boolean tryAcquire(String key) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window)).build()).tryConsume(1);
    }
}
