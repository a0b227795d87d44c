package no.vern.shared.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
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
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problems.write(request, response, ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE,
                    "database-unavailable", "Service unavailable",
                    "The database is not reachable right now. Nothing was changed; please retry shortly."));
        }
    }

    /** Whether the failure is the database being unreachable (connection refused, terminated, pool timeout). */
    static boolean databaseUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true; // connection exceptions; admin shutdown, crash shutdown, cannot connect now
            }
        }
        return false;
    }

    private static String rootClass(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
