package no.vern.requests.internal;

import java.time.Duration;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Rate limits of the privacy center (Bucket4j, per node, bounded): codes sent per address (keyed by its
 * blind index, never the address) and form posts and code checks per client IP, each refilled whole per hour.
 */
@Component
class Limits {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(2)).build();
    private final RequestsProperties properties;

    Limits(RequestsProperties properties) {
        this.properties = properties;
    }

    /** Takes one from the IP's allowance; false when it is used up. */
    boolean ip(String ip) {
        return bucket("ip:" + ip, properties.codesPerIp()).tryConsume(1);
    }

    /** Takes one code from the address's allowance (key: the hex of its blind index); false when used up. */
    boolean address(String indexHex) {
        return bucket("address:" + indexHex, properties.codesPerAddress()).tryConsume(1);
    }

    /** Forgets every bucket (tests). */
    void reset() {
        buckets.invalidateAll();
    }

    private Bucket bucket(String key, int capacity) {
        int c = Math.max(1, capacity);
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(c).refillIntervally(c, Duration.ofHours(1)).build()).build());
    }
}
