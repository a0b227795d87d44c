package no.vern.identity.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.shared.Actor;

/**
 * What happens after a login attempt: success resets the failure count; failure counts against
 * the IP and account limits and, after repeated failures, locks the account for a while. Both
 * are audited; the log names the account id, never the password or what was typed.
 */
@Component
class LoginOutcomes implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(LoginOutcomes.class);

    private final StaffUsers users;
    private final FailureLimits limits;
    private final AuditLog audit;
    private final Clock clock;
    private final int lockThreshold;
    private final Duration lockDuration;
    private final SavedRequestAwareAuthenticationSuccessHandler redirect = new SavedRequestAwareAuthenticationSuccessHandler();

    LoginOutcomes(StaffUsers users, FailureLimits limits, AuditLog audit, Clock clock,
            @Value("${vern.security.lock-after-failures:5}") int lockThreshold,
            @Value("${vern.security.lock-duration:PT15M}") Duration lockDuration) {
        this.users = users;
        this.limits = limits;
        this.audit = audit;
        this.clock = clock;
        this.lockThreshold = lockThreshold;
        this.lockDuration = lockDuration;
        redirect.setDefaultTargetUrl("/console");
        redirect.setAlwaysUseDefaultTargetUrl(false);
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        StaffPrincipal principal = (StaffPrincipal) Objects.requireNonNull(authentication.getPrincipal());
        limits.release(request.getRemoteAddr(), StaffUserDetailsService.normalise(request.getParameter("username")));
        users.recordSuccess(principal.id(), clock.instant());
        audit.record(AuditEvent.by(principal.actor(), "identity.login.succeeded", Outcome.SUCCESS)
                .withTargets("user:" + principal.id()));
        redirect.onAuthenticationSuccess(request, response, authentication);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String username = StaffUserDetailsService.normalise(request.getParameter("username"));
        // The attempt's place in the IP and account budgets was taken by LoginRateLimitFilter.
        Optional<StaffUsers.Credentials> known = users.byUsername(username);
        if (known.isEmpty()) {
            audit.record(AuditEvent.by(Actor.ANONYMOUS, "identity.login.failed", Outcome.DENIED));
        } else {
            var account = known.get().account();
            Actor actor = new Actor(Actor.Kind.ANONYMOUS, "login-attempt");
            if (exception instanceof LockedException) {
                audit.record(AuditEvent.by(actor, "identity.login.refused-locked", Outcome.DENIED)
                        .withTargets("user:" + account.id()));
            } else {
                Instant now = clock.instant();
                Optional<Instant> lockedUntil = users.recordFailure(account.id(), lockThreshold, now.plus(lockDuration));
                audit.record(AuditEvent.by(actor, "identity.login.failed", Outcome.DENIED)
                        .withTargets("user:" + account.id()));
                lockedUntil.ifPresent(until -> {
                    log.warn("Staff account {} locked until {} after {} failed logins", account.id(), until,
                            lockThreshold);
                    audit.record(AuditEvent.by(Actor.system("lockout"), "identity.account.locked", Outcome.SUCCESS)
                            .withTargets("user:" + account.id()));
                });
            }
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/login?error");
    }
}
