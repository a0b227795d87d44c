package no.vern.events.web;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Limits public sign-ups per IP address: the form is open to anyone and each sign-up stores a person
 * through the register and sends a confirmation mail, so a script must not be able to fill the register or
 * use Vern to mail arbitrary addresses. Buckets live in memory per node, bounded in number (as the breach
 * module's public report limit).
 */
@Component
class SignUpLimiter {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(50_000)
            .expireAfterAccess(Duration.ofHours(2)).build();
    private final int perHour;

    SignUpLimiter(@Value("${vern.events.sign-ups-per-hour:20}") int perHour) {
        this.perHour = Math.max(1, perHour);
    }

    /** Takes one sign-up from the address's allowance; false when it is used up. */
    boolean tryAcquire(String address) {
        return buckets.get(address, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)).build())
                .build()).tryConsume(1);
    }
}
