package no.vern.audit.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.shared.JdbcTime;

/**
 * Appends audit entries in the caller's transaction with a single INSERT and no lock; sealing
 * into the hash chain happens apart ({@link Sealer}).
 *
 * <p>The statement takes the transaction's id before the entry's id (a materialised CTE is
 * evaluated before the row that reads it). The sealer relies on that order: once every
 * transaction older than a snapshot has ended, no entry with an id handed out before that
 * snapshot can still appear.
 */
@Service
class JdbcAuditLog implements AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcAuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void record(AuditEvent event) {
        jdbc.sql("""
                WITH tx AS MATERIALIZED (SELECT pg_current_xact_id() AS xid)
                INSERT INTO audit_entry (id, occurred_at, actor, action, outcome, purpose, targets, request_id)
                SELECT nextval('audit_entry_id_seq'), CAST(:at AS timestamptz), CAST(:actor AS text),
                       CAST(:action AS text), CAST(:outcome AS text), CAST(:purpose AS text),
                       string_to_array(CAST(:targets AS text), ','), CAST(:requestId AS text)
                FROM tx
                """)
                .param("at", JdbcTime.param(clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .param("actor", event.actor().reference())
                .param("action", event.action())
                .param("outcome", event.outcome().name())
                .param("purpose", event.purpose())
                .param("targets", String.join(",", event.targets()))
                .param("requestId", MDC.get("requestId"))
                .update();
    }
}
