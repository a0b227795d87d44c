package no.vern.identity.internal;

import java.io.IOException;
import java.time.Duration;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;

/**
 * Holds back login attempts (password or second-factor code) from an IP or for an account that must still wait
 * after its failures ({@link FailureLimits}). Each attempt reserves its place before it is checked
 * ({@link LoginOutcomes} gives it back on success), so a burst of concurrent guesses gets no more checks than the
 * schedule allows. An attempt that must wait is not checked at all and is answered at once (no thread sleeps
 * through the wait): the login page again, 429 with {@code Retry-After}, the username kept and "try again in N
 * seconds" in the person's language ({@link #WAIT_PATH}).
 */
@Component
class LoginRateLimitFilter extends OncePerRequestFilter {

    /** Where a held-back attempt is forwarded to be answered with the login form (the console's login page). */
    static final String WAIT_PATH = "/login/wait";
    /** The request attribute with the whole seconds to wait, read by the page at {@link #WAIT_PATH}. */
    static final String WAIT_SECONDS = "vern.login.waitSeconds";

    private final FailureLimits limits;
    private final AuditLog audit;

    LoginRateLimitFilter(FailureLimits limits, AuditLog audit) {
        this.limits = limits;
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return !("POST".equals(request.getMethod()) && (uri.equals(context + "/login")));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String ip = request.getRemoteAddr();
        String account = StaffUserDetailsService.normalise(request.getParameter("username"));
        if (!limits.tryReserve(ip, account)) {
            holdBack(request, response, limits.loginWait(ip, account), audit);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Answers an attempt that must wait: audited without naming anyone, then the login page with the wait. */
    static void holdBack(HttpServletRequest request, HttpServletResponse response, Duration wait, AuditLog audit)
            throws ServletException, IOException {
        audit.record(AuditEvent.of("identity.login.delayed", Outcome.DENIED));
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        request.setAttribute(WAIT_SECONDS, seconds);
        request.getRequestDispatcher(WAIT_PATH).forward(request, response);
    }
}
