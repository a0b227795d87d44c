package no.vern.identity.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Ends a console login after {@code vern.identity.session-max-age} however active it is, so roles a person lost at
 * the identity provider (or a password reset elsewhere) take effect within hours: the next sign-in reads them again.
 * The clock starts at the first authenticated request of the session (the redirect right after the login).
 */
@Component
class SessionLifetimeCap extends OncePerRequestFilter {

    /** Session attribute: when this login began, epoch milliseconds of the injected clock. */
    static final String STARTED = "vern.login.startedAt";

    private final SsoProperties settings;
    private final Clock clock;

    SessionLifetimeCap(SsoProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session != null && authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof no.vern.shared.ActorSource) {
            Instant now = clock.instant();
            if (!(session.getAttribute(STARTED) instanceof Long started)) {
                session.setAttribute(STARTED, now.toEpochMilli());
            } else if (now.isAfter(Instant.ofEpochMilli(started).plus(settings.sessionMaxAge()))) {
                session.invalidate();
                SecurityContextHolder.clearContext();
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader("Location", request.getContextPath() + "/login?expired");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
