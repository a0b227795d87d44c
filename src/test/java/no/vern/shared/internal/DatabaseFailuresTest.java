package no.vern.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Issue 27: what a request hears when the database goes away mid-request (a failover). Found by
 * {@code HighAvailabilityTest}: a commit that lost its connection, whose rollback then failed too, surfaced as a
 * {@link TransactionSystemException} and was answered 500 "nothing was changed", when the commit may have landed.
 */
class DatabaseFailuresTest {

    private static final SQLException BROKEN = new SQLException("An I/O error occurred while sending to the backend.", "08006");
    private static final SQLException CLOSED = new SQLException("This connection has been closed.", "08003");

    @Test
    void aCommitThatLostItsConnectionAndWhoseRollbackFailedIsUnreachableWithAnUnknownOutcome() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("Could not roll back JDBC transaction", CLOSED);

        assertThat(DatabaseFailures.unreachable(rollbackFailed)).isTrue();
        assertThat(DatabaseFailures.duringCommit(rollbackFailed)).isTrue();
        assertThat(DatabaseFailures.problem(rollbackFailed).getStatus()).isEqualTo(503);
        assertThat(DatabaseFailures.problem(rollbackFailed).getDetail()).contains("not known").doesNotContain("Nothing was changed");
    }

    @Test
    void aCommitBrokenByTheServersDeathWhoseRollbackFoundThePooledConnectionClosedIsUnreachable() {
        // As seen in HighAvailabilityTest: the commit fails with 57P01, the rollback with HikariCP's closed-connection
        // SQLException that carries no SQL state; Spring throws the rollback's failure with the commit's attached.
        DataAccessResourceFailureException commit = new DataAccessResourceFailureException(
                "JDBC commit; FATAL: terminating connection due to unexpected postmaster exit",
                new SQLException("FATAL: terminating connection due to unexpected postmaster exit", "57P01"));
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(commit);

        assertThat(DatabaseFailures.unreachable(rollback)).isTrue();
        assertThat(DatabaseFailures.problem(rollback).getDetail()).contains("not known");
    }

    @Test
    void aFailedJdbcCommitSaysTheOutcomeIsNotKnown() {
        DataAccessResourceFailureException commit = new DataAccessResourceFailureException("JDBC commit; " + BROKEN.getMessage(), BROKEN);

        assertThat(DatabaseFailures.unreachable(commit)).isTrue();
        assertThat(DatabaseFailures.problem(commit).getDetail()).contains("not known");
    }

    @Test
    void aStatementThatLostItsConnectionBeforeTheCommitChangedNothing() {
        DataAccessResourceFailureException statement = new DataAccessResourceFailureException("PreparedStatementCallback", BROKEN);

        assertThat(DatabaseFailures.unreachable(statement)).isTrue();
        assertThat(DatabaseFailures.duringCommit(statement)).isFalse();
        assertThat(DatabaseFailures.problem(statement).getDetail()).contains("Nothing was changed");
    }

    @Test
    void aTransactionSystemExceptionWithoutALostConnectionIsNotAnOutage() {
        assertThat(DatabaseFailures.unreachable(new TransactionSystemException("Could not commit", new SQLException("x", "40001"))))
                .isFalse();
        assertThat(DatabaseFailures.unreachable(new DataIntegrityViolationException("duplicate"))).isFalse();
    }

    @Test
    void aRollbackThatFailedAfterAFailedCommitIsUnreachableEvenWithoutTheCommitsFailureAttached() {
        // As seen in a full build's HighAvailabilityTest: Spring 7 throws the rollback's failure in place of the
        // commit's (logging the commit's), without attaching it; the rollback's cause is HikariCP's closed connection,
        // which carries no SQL state.
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));

        assertThat(DatabaseFailures.unreachable(rollback)).isTrue();
        assertThat(DatabaseFailures.problem(rollback).getStatus()).isEqualTo(503);
        assertThat(DatabaseFailures.problem(rollback).getDetail()).contains("not known").doesNotContain("Nothing was changed");
    }
}
