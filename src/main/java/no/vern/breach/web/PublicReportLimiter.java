package no.vern.breach.web;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Limits public breach reports per IP address (S22 is open to anyone, so it must not be a way to
 * flood the officer's mailbox). Buckets live in memory per node, bounded in number.
 */
@Component
class PublicReportLimiter {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterAccess(Duration.ofHours(2)).build();
    private final int perHour;

    PublicReportLimiter(@Value("${vern.breach.public-reports-per-hour:5}") int perHour) {
        this.perHour = Math.max(1, perHour);
    }

    /** Takes one report from the address's allowance; false when it is used up. */
    boolean tryAcquire(String address) {
        return buckets.get(address, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)).build())
                .build()).tryConsume(1);
    }
}
