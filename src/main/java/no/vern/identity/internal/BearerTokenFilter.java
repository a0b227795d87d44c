package no.vern.identity.internal;

import java.io.IOException;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.identity.ApiToken;
import no.vern.shared.Actor;
import no.vern.shared.ProblemResponses;

/**
 * Authenticates {@code Authorization: Bearer …} requests against the hashed token store. A bad
 * token is answered with 401 at once and counts against the caller's IP's budget of bad tokens; once
 * that is used up, bad tokens get 429 instead. A valid token always works: neither bad tokens nor
 * failed logins from the same address can lock its holder out (issue 24, item 4), and a token check
 * never touches the login budget. The lookup is one indexed query on the token's hash.
 */
@Component
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final ApiTokenService tokens;
    private final FailureLimits limits;
    private final AuditLog audit;
    private final ProblemResponses problems;

    BearerTokenFilter(ApiTokenService tokens, FailureLimits limits, AuditLog audit, ProblemResponses problems) {
        this.tokens = tokens;
        this.limits = limits;
        this.audit = audit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        String ip = request.getRemoteAddr();
        String secret = header.substring(PREFIX.length()).strip();
        Optional<ApiToken> token = secret.length() > 200 ? Optional.empty() : tokens.authenticate(secret);
        if (token.isEmpty()) {
            if (limits.tokenBudgetUsedUp(ip) || !limits.badToken(ip)) {
                // Others in flight used up the budget meanwhile: no more "invalid token" answers than it allows.
                limited(request, response);
                return;
            }
            audit.record(AuditEvent.by(Actor.ANONYMOUS, "identity.token.rejected", Outcome.DENIED));
            response.setHeader("WWW-Authenticate", "Bearer realm=\"vern\", error=\"invalid_token\"");
            problems.write(request, response, ProblemResponses.problem(HttpStatus.UNAUTHORIZED, "invalid-token", "Invalid token",
                    "The bearer token is unknown, expired or revoked."));
            return;
        }
        ApiToken t = token.get();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiClientPrincipal(t.id(), t.name(), t.scopes()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void limited(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problems.write(request, response, limits.tokenRefusal());
    }
}
