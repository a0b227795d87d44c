package no.vern.identity.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.shared.Actor;

/**
 * What happens after a password was checked. Success gives the attempt's place back in the failure budgets and
 * either completes the login or, for an account with a second factor, keeps the person out of the console and
 * asks for the code ({@link SecondFactorController}). Failure leaves the attempt counted (the progressive delay
 * of {@link FailureLimits}; there is no hard lock). Both are audited; the log names the account id, never the
 * password or what was typed.
 */
@Component
class LoginOutcomes implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    private final StaffUsers users;
    private final FailureLimits limits;
    private final AuditLog audit;
    private final Clock clock;
    private final TotpSecrets totp;
    private final SecurityContextRepository contexts;
    private final SavedRequestAwareAuthenticationSuccessHandler redirect = new SavedRequestAwareAuthenticationSuccessHandler();

    LoginOutcomes(StaffUsers users, FailureLimits limits, AuditLog audit, Clock clock, TotpSecrets totp,
            SecurityContextRepository contexts) {
        this.users = users;
        this.limits = limits;
        this.audit = audit;
        this.clock = clock;
        this.totp = totp;
        this.contexts = contexts;
        redirect.setDefaultTargetUrl("/console");
        redirect.setAlwaysUseDefaultTargetUrl(false);
        redirect.setRedirectStrategy(LoginOutcomes::redirectWithoutHost);
    }

    /**
     * The page saved before the login is remembered as an absolute URL built from the request's {@code Host}
     * header; the redirect back to it keeps only its path and query, so "Host: evil.example" on the first request
     * never sends the browser there after the login (issue 24).
     */
    static void redirectWithoutHost(HttpServletRequest request, HttpServletResponse response, String url)
            throws IOException {
        java.net.URI uri = java.net.URI.create(url);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        if (!target.startsWith(request.getContextPath())) {
            target = request.getContextPath() + target;
        }
        // "//host/path" would be read as another host: never let a path begin with two slashes.
        response.sendRedirect(response.encodeRedirectURL(target.replaceFirst("^/+", "/")));
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, ServletException {
        StaffPrincipal principal = (StaffPrincipal) Objects.requireNonNull(authentication.getPrincipal());
        String username = StaffUserDetailsService.normalise(request.getParameter("username"));
        if (totp.enabled(principal.id())) {
            // The password alone does not log in: take the authentication back out of the context and the session
            // before anything else can use it, and remember only who is to give the code.
            SecurityContextHolder.clearContext();
            contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
            limits.passwordAccepted(request.getRemoteAddr(), username);
            SecondFactorController.pending(request, principal.id(), clock.instant());
            audit.record(AuditEvent.by(principal.actor(), "identity.login.password-accepted", Outcome.SUCCESS)
                    .withTargets("user:" + principal.id()));
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + SecondFactorController.PATH);
            return;
        }
        limits.succeeded(request.getRemoteAddr(), username);
        users.recordSuccess(principal.id(), clock.instant());
        audit.record(AuditEvent.by(principal.actor(), "identity.login.succeeded", Outcome.SUCCESS)
                .withTargets("user:" + principal.id()));
        redirect.onAuthenticationSuccess(request, response, authentication);
    }

    /** Completes a login after the second factor, where the password step left off. */
    void completed(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        redirect.onAuthenticationSuccess(request, response, authentication);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String username = StaffUserDetailsService.normalise(request.getParameter("username"));
        // The attempt was counted against the IP and the account by LoginRateLimitFilter before it was checked.
        Optional<StaffUsers.Credentials> known = users.byUsername(username);
        if (known.isEmpty()) {
            audit.record(AuditEvent.by(Actor.ANONYMOUS, "identity.login.failed", Outcome.DENIED));
        } else {
            audit.record(AuditEvent.by(new Actor(Actor.Kind.ANONYMOUS, "login-attempt"), "identity.login.failed",
                    Outcome.DENIED).withTargets("user:" + known.get().account().id()));
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + "/login?error");
    }
}
