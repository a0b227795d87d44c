package no.vern.shared.internal;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.shared.ProblemResponses;

/**
 * Turns a lost database into a 503 problem with {@code Retry-After} wherever it surfaces: also in the
 * filters that run before any controller (session lookup, bearer-token lookup), which the MVC exception
 * handlers never see. Sits right after the request id, before Spring Session and Spring Security. The
 * pools reconnect by themselves when PostgreSQL is back, so no restart is needed (issue 14, item 2).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    private final ProblemResponses problems;

    DatabaseOutageFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            if (!databaseUnreachable(e) || response.isCommitted()) {
                throw e;
            }
            // Class names only: driver messages may carry statement text.
            log.warn("Database unavailable while serving {} {}: {}", request.getMethod(), request.getRequestURI(),
                    rootClass(e));
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseFailures.RETRY_AFTER_SECONDS);
            problems.write(request, response, DatabaseFailures.problem(e));
        }
    }

    /** Whether the failure is the database being unreachable; the rule is {@link DatabaseFailures#unreachable}. */
    static boolean databaseUnreachable(Throwable failure) {
        return DatabaseFailures.unreachable(failure);
    }

    private static String rootClass(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
