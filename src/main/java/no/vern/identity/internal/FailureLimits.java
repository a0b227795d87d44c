package no.vern.identity.internal;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import no.vern.shared.KeyedRateLimit;
import no.vern.shared.TooManyRequests;

/**
 * The limits on failed authentication, two budgets that never touch each other (issue 24, item 4):
 * <ul>
 * <li><b>Logins</b> (passwords and second-factor codes): a progressive delay per client IP and per typed username
 * ({@link KeyedRateLimit#progressive}). The first failures are free; each further one doubles the wait before the
 * next attempt, up to a cap (one minute per account, five per IP by default). There is no hard lock: whoever
 * types wrong passwords for someone else's account delays that account by at most the cap, and the right password
 * succeeds once the wait has passed. Unknown usernames are delayed exactly like known ones, so the answer tells
 * nothing about which accounts exist.</li>
 * <li><b>Bearer tokens</b>: a budget of bad tokens per IP, refilled whole at the end of the window. A valid token
 * is never refused by it, and failed logins never count against it (nor bad tokens against the login budget).</li>
 * </ul>
 * The limits live in memory per node, so with N nodes an attacker who spreads attempts gets N times the rate.
 *
 * <p>A login attempt reserves its place before the password is checked ({@link #tryReserve}) and gets it back
 * only if it succeeds ({@link #succeeded}): concurrent guesses cannot all pass a check made before the first of
 * them failed, so no more passwords are checked than the schedule allows.
 */
@Component
class FailureLimits {

    private final KeyedRateLimit loginsByIp;
    private final KeyedRateLimit loginsByAccount;
    private final KeyedRateLimit badTokensByIp;

    FailureLimits(Clock clock,
            @Value("${vern.security.login.free-failures-per-ip:20}") int freePerIp,
            @Value("${vern.security.login.free-failures-per-account:5}") int freePerAccount,
            @Value("${vern.security.login.first-delay:PT1S}") Duration firstDelay,
            @Value("${vern.security.login.max-delay-per-ip:PT5M}") Duration maxPerIp,
            @Value("${vern.security.login.max-delay-per-account:PT1M}") Duration maxPerAccount,
            @Value("${vern.security.login.forget-after:PT1H}") Duration forgetAfter,
            @Value("${vern.security.token-failures-per-ip:30}") int tokensPerIp,
            @Value("${vern.security.token-failure-window:PT5M}") Duration tokenWindow) {
        this.loginsByIp = KeyedRateLimit.progressive(freePerIp, firstDelay, maxPerIp, forgetAfter, 100_000, clock);
        this.loginsByAccount = KeyedRateLimit.progressive(freePerAccount, firstDelay, maxPerAccount, forgetAfter,
                100_000, clock);
        this.badTokensByIp = KeyedRateLimit.refilledWhole(tokensPerIp, tokenWindow, 100_000);
    }

    /**
     * Counts a login attempt against the IP and (if not empty) the account before it is checked; false, counting
     * nothing, when either must still wait.
     */
    boolean tryReserve(String ip, String account) {
        if (!loginsByIp.tryAcquire(ip)) {
            return false;
        }
        if (!account.isEmpty() && !loginsByAccount.tryAcquire(account)) {
            loginsByIp.giveBack(ip);
            return false;
        }
        return true;
    }

    /**
     * The attempt succeeded: the IP gets its place back (a success does not wipe an IP's other failures, or one
     * valid account would launder guesses at others) and the account's failures are forgotten.
     */
    void succeeded(String ip, String account) {
        loginsByIp.giveBack(ip);
        if (!account.isEmpty()) {
            loginsByAccount.forget(account);
        }
    }

    /**
     * The password was right but a second factor is still to come: both places are given back, yet the account's
     * earlier failures stay (only a completed login forgets them), so knowing the password does not reset the
     * delay that limits guessing the code.
     */
    void passwordAccepted(String ip, String account) {
        loginsByIp.giveBack(ip);
        if (!account.isEmpty()) {
            loginsByAccount.giveBack(account);
        }
    }

    /** How long a login from this IP for this account must wait (zero: it may try now). */
    Duration loginWait(String ip, String account) {
        Duration byIp = loginsByIp.retryAfter(ip);
        Duration byAccount = account.isEmpty() ? Duration.ZERO : loginsByAccount.retryAfter(account);
        return byIp.compareTo(byAccount) >= 0 ? byIp : byAccount;
    }

    /** The account's wait on this node (zero when none), for the console's view of an account. */
    Duration accountWait(String account) {
        return loginsByAccount.retryAfter(account);
    }

    /** Lifts the account's delay on this node (the privacy officer's "lift the delay"). */
    void forgetAccount(String account) {
        loginsByAccount.forget(account);
    }

    /** Whether this IP has used up its budget of bad bearer tokens. */
    boolean tokenBudgetUsedUp(String ip) {
        return badTokensByIp.exhausted(ip);
    }

    /** Counts a bad bearer token against the IP; false when the budget was already used up by others in flight. */
    boolean badToken(String ip) {
        return badTokensByIp.tryAcquire(ip);
    }

    /** The answer to a client whose IP has used up its budget of bad bearer tokens. */
    TooManyRequests tokenRefusal() {
        return badTokensByIp.refusal("Too many invalid bearer tokens from this address; retry later.");
    }
}
