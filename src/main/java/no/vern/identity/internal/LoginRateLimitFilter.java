package no.vern.identity.internal;

import java.io.IOException;

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
 * Refuses login attempts from an IP or for an account that has failed too often lately. Each attempt
 * reserves its place in both budgets before the password is checked ({@link LoginOutcomes} gives it back
 * on success), so a burst of concurrent guesses gets no more checks than the budget.
 */
@Component
class LoginRateLimitFilter extends OncePerRequestFilter {

    private final FailureLimits limits;
    private final AuditLog audit;

    LoginRateLimitFilter(FailureLimits limits, AuditLog audit) {
        this.limits = limits;
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && (request.getContextPath() + "/login").equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String account = StaffUserDetailsService.normalise(request.getParameter("username"));
        if (!limits.tryReserve(request.getRemoteAddr(), account)) {
            audit.record(AuditEvent.of("identity.login.rate-limited", Outcome.DENIED));
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + "/login?limited");
            return;
        }
        chain.doFilter(request, response);
    }
}
