package no.vern.identity.internal;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import no.vern.shared.KeyedRateLimit;
import no.vern.shared.TooManyRequests;

/**
 * Rate limits on failed logins and failed token checks, per client IP and per account ({@link KeyedRateLimit},
 * refilled whole when the window ends, so a slow attacker gains nothing). Each failure takes one from the
 * budget; successes cost nothing. The budgets live per node; the account lockout, which is stored in the
 * database, is the cross-node protection.
 *
 * <p>A login attempt reserves its place before the password is checked ({@link #tryReserve}) and gets it back
 * only if it succeeds ({@link #release}): concurrent guesses cannot all pass a check made before the first of
 * them failed, so no more passwords are checked than the budget allows.
 */
@Component
class FailureLimits {

    private final KeyedRateLimit byIp;
    private final KeyedRateLimit byAccount;

    FailureLimits(@Value("${vern.security.failures-per-ip:30}") int perIp,
            @Value("${vern.security.failures-per-account:10}") int perAccount,
            @Value("${vern.security.failure-window:PT5M}") Duration window) {
        this.byIp = KeyedRateLimit.refilledWhole(perIp, window, 100_000);
        this.byAccount = KeyedRateLimit.refilledWhole(perAccount, window, 100_000);
    }

    boolean ipBlocked(String ip) {
        return byIp.exhausted(ip);
    }

    /**
     * Counts a failure against the IP and (if not empty) the account; false when the IP's budget was already
     * used up by others in flight, so the caller answers as rate-limited rather than as a plain failure.
     */
    boolean failed(String ip, String account) {
        boolean within = byIp.tryAcquire(ip);
        if (!account.isEmpty()) {
            byAccount.tryAcquire(account);
        }
        return within;
    }

    /**
     * Takes one attempt from the IP's and (if not empty) the account's budget before the attempt is made;
     * false, taking nothing, when either is used up.
     */
    boolean tryReserve(String ip, String account) {
        if (!byIp.tryAcquire(ip)) {
            return false;
        }
        if (!account.isEmpty() && !byAccount.tryAcquire(account)) {
            byIp.giveBack(ip);
            return false;
        }
        return true;
    }

    /** Gives back what {@link #tryReserve} took: the attempt succeeded, and successes cost nothing. */
    void release(String ip, String account) {
        byIp.giveBack(ip);
        if (!account.isEmpty()) {
            byAccount.giveBack(account);
        }
    }

    /** The answer to a client whose IP has used up its budget of failed authentications. */
    TooManyRequests refusal() {
        return byIp.refusal("Too many failed authentication attempts from this address; retry later.");
    }
}
