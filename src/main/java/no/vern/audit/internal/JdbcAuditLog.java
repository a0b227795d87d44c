package no.vern.audit.internal;

import java.time.Clock;

import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.shared.JdbcTime;

/** Appends audit entries in the caller's transaction (sealing into the hash chain happens apart). */
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
                INSERT INTO audit_entry (occurred_at, actor, action, outcome, purpose, targets, request_id)
                VALUES (:at, :actor, :action, :outcome, :purpose, string_to_array(:targets, ','), :requestId)
                """).param("at", JdbcTime.param(clock.instant())).param("actor", event.actor().reference())
                .param("action", event.action()).param("outcome", event.outcome().name())
                .param("purpose", event.purpose()).param("targets", String.join(",", event.targets()))
                .param("requestId", MDC.get("requestId")).update();
    }
}
