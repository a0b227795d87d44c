package no.vern.identity.internal;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Rate limits on failed logins and failed token checks, per client IP and per account: each
 * failure takes a token from the bucket, and an empty bucket refuses further attempts until the
 * window ends and it refills whole (not token by token, so a slow attacker gains nothing).
 * Successes cost nothing. Buckets live per node (bounded); the account lockout, which is stored in
 * the database, is the cross-node protection.
 *
 * <p>A login attempt reserves its token before the password is checked ({@link #tryReserve}) and gets
 * it back only if it succeeds ({@link #release}): concurrent guesses cannot all pass a check made
 * before the first of them failed, so no more passwords are checked than the budget allows.
 */
@Component
class FailureLimits {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1)).build();
    private final int perIp;
    private final int perAccount;
    private final Duration window;

    FailureLimits(@Value("${vern.security.failures-per-ip:30}") int perIp,
            @Value("${vern.security.failures-per-account:10}") int perAccount,
            @Value("${vern.security.failure-window:PT5M}") Duration window) {
        this.perIp = perIp;
        this.perAccount = perAccount;
        this.window = window;
    }

    boolean ipBlocked(String ip) {
        return bucket("ip:" + ip, perIp).getAvailableTokens() <= 0;
    }

    /**
     * Counts a failure against the IP and (if not empty) the account; false when the IP's budget was already
     * used up by others in flight, so the caller answers as rate-limited rather than as a plain failure.
     */
    boolean failed(String ip, String account) {
        boolean within = bucket("ip:" + ip, perIp).tryConsume(1);
        if (!account.isEmpty()) {
            bucket("account:" + account, perAccount).tryConsume(1);
        }
        return within;
    }

    /**
     * Takes one attempt from the IP's and (if not empty) the account's budget before the attempt is made;
     * false, taking nothing, when either is used up.
     */
    boolean tryReserve(String ip, String account) {
        Bucket byIp = bucket("ip:" + ip, perIp);
        if (!byIp.tryConsume(1)) {
            return false;
        }
        if (!account.isEmpty() && !bucket("account:" + account, perAccount).tryConsume(1)) {
            byIp.addTokens(1);
            return false;
        }
        return true;
    }

    /** Gives back what {@link #tryReserve} took: the attempt succeeded, and successes cost nothing. */
    void release(String ip, String account) {
        bucket("ip:" + ip, perIp).addTokens(1);
        if (!account.isEmpty()) {
            bucket("account:" + account, perAccount).addTokens(1);
        }
    }

    private Bucket bucket(String key, int capacity) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillIntervally(capacity, window).build()).build());
    }
}
