package no.vern.shared.internal;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import no.vern.shared.ProblemResponses;

/**
 * The one rule for "the database is unreachable" and what Vern then says (issue 14 item 2, issue 27): a lost database
 * (connection refused or broken, the pool timing out, the server shutting down, a failover to the standby) is a 503
 * problem with {@code Retry-After}, never a 500. What the answer says follows what is known: a failure before the
 * commit changed nothing (PostgreSQL rolls the transaction back); a connection lost <em>during</em> the commit leaves the
 * outcome unknown (the commit may have reached the server, and with synchronous replication the standby, before the
 * connection broke), so the answer says so instead of claiming nothing was changed.
 */
final class DatabaseFailures {

    static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseFailures() {
    }

    /** Whether the failure is the database being unreachable (connection refused, terminated, pool timeout). */
    static boolean unreachable(@Nullable Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            // A commit that failed and whose rollback failed too: the rollback's failure is the cause (a pool's
            // "Connection is closed", without an SQL state), the commit's is the application exception.
            if (t instanceof TransactionSystemException tse && tse.getApplicationException() != null
                    && unreachable(tse.getApplicationException())) {
                return true;
            }
            // A rollback that failed (DataSourceTransactionManager's task "JDBC rollback"): the connection is gone. Spring
            // throws it in place of the commit's failure when the rollback after a failed commit fails too, and its cause
            // is then often HikariCP's "Connection is closed", which has no SQL state.
            if (t instanceof TransactionSystemException tse && tse.getMessage() != null
                    && tse.getMessage().startsWith("JDBC rollback failed")) {
                return true;
            }
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

    /**
     * Whether the connection broke while the transaction manager committed (or, after a failed commit, rolled back):
     * whether the change was saved is then not known.
     */
    static boolean duringCommit(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof TransactionSystemException) {
                return true;
            }
            // DataSourceTransactionManager.doCommit translates with the task "JDBC commit".
            if (t instanceof DataAccessResourceFailureException e && e.getMessage() != null
                    && e.getMessage().startsWith("JDBC commit")) {
                return true;
            }
        }
        return false;
    }

    /** The 503 problem for an unreachable database, its detail true to whether the commit may have happened. */
    static ProblemDetail problem(Throwable failure) {
        return ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Service unavailable",
                duringCommit(failure)
                        ? "The connection to the database was lost while the change was being saved, so whether it was "
                                + "saved is not known. Look it up before you send it again."
                        : "The database is not reachable right now. Nothing was changed; please retry shortly.");
    }

    private static @Nullable Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
