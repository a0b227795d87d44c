package no.vern.audit.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.shared.JdbcTime;

/**
 * Appends audit entries in the caller's transaction with a single INSERT and no lock; sealing
 * into the hash chain happens apart ({@link Sealer}). Reads outside a transaction go through the
 * {@link GroupCommitWriter}, which inserts the same rows, many per transaction.
 *
 * <p>The statement takes the transaction's id before the entry's id (a materialised CTE is
 * evaluated before the row that reads it). The sealer relies on that order: once every
 * transaction older than a snapshot has ended, no entry with an id handed out before that
 * snapshot can still appear.
 */
@Service
class JdbcAuditLog implements AuditLog {

    /** The insert of one entry with positional parameters, as {@link Row#bind} fills them (also batched). */
    static final String INSERT_POSITIONAL = """
            WITH tx AS MATERIALIZED (SELECT pg_current_xact_id() AS xid)
            INSERT INTO audit_entry (id, occurred_at, actor, action, outcome, purpose, targets, request_id)
            SELECT nextval('audit_entry_id_seq'), CAST(? AS timestamptz), CAST(? AS text),
                   CAST(? AS text), CAST(? AS text), CAST(? AS text),
                   string_to_array(CAST(? AS text), ','), CAST(? AS text)
            FROM tx
            """;

    /** One entry as stored: taken in the caller's thread (time, request id), written by whoever writes it. */
    record Row(Instant at, String actor, String action, String outcome, @Nullable String purpose, String targets,
            @Nullable String requestId) {

        static Row of(AuditEvent event, Clock clock) {
            return new Row(clock.instant().truncatedTo(ChronoUnit.MICROS), event.actor().reference(), event.action(),
                    event.outcome().name(), event.purpose(), String.join(",", event.targets()), MDC.get("requestId"));
        }

        void bind(PreparedStatement statement) throws SQLException {
            statement.setObject(1, JdbcTime.param(at));
            statement.setString(2, actor);
            statement.setString(3, action);
            statement.setString(4, outcome);
            if (purpose == null) {
                statement.setNull(5, Types.VARCHAR);
            } else {
                statement.setString(5, purpose);
            }
            statement.setString(6, targets);
            if (requestId == null) {
                statement.setNull(7, Types.VARCHAR);
            } else {
                statement.setString(7, requestId);
            }
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final GroupCommitWriter reads;

    JdbcAuditLog(JdbcClient jdbc, Clock clock, GroupCommitWriter reads) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.reads = reads;
    }

    @Override
    public void record(AuditEvent event) {
        Row row = Row.of(event, clock);
        jdbc.sql("""
                WITH tx AS MATERIALIZED (SELECT pg_current_xact_id() AS xid)
                INSERT INTO audit_entry (id, occurred_at, actor, action, outcome, purpose, targets, request_id)
                SELECT nextval('audit_entry_id_seq'), CAST(:at AS timestamptz), CAST(:actor AS text),
                       CAST(:action AS text), CAST(:outcome AS text), CAST(:purpose AS text),
                       string_to_array(CAST(:targets AS text), ','), CAST(:requestId AS text)
                FROM tx
                """)
                .param("at", JdbcTime.param(row.at()))
                .param("actor", row.actor())
                .param("action", row.action())
                .param("outcome", row.outcome())
                .param("purpose", row.purpose())
                .param("targets", row.targets())
                .param("requestId", row.requestId())
                .update();
    }

    @Override
    public void recordRead(AuditEvent event) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            record(event);
            return;
        }
        reads.append(Row.of(event, clock));
    }
}
