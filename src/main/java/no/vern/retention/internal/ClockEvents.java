package no.vern.retention.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.retention.ClockEvent;
import no.vern.retention.ClockEventKind;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/** Clock events in {@code retention_clock_event} (ids and times only). */
@Repository
class ClockEvents {

    private final JdbcClient jdbc;

    ClockEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts an event unless the same one (kind, target, purpose, time) is recorded already; returns the stored one. */
    ClockEvent insert(ClockEventKind kind, @Nullable UUID organisation, @Nullable SubjectId subject,
            @Nullable String purposeKey, Instant occurredAt, Instant now, String by) {
        List<ClockEvent> same = jdbc.sql("""
                SELECT * FROM retention_clock_event WHERE kind = :kind
                  AND organisation_id IS NOT DISTINCT FROM CAST(:org AS uuid) AND subject_id IS NOT DISTINCT FROM CAST(:subject AS uuid)
                  AND purpose_key IS NOT DISTINCT FROM CAST(:purpose AS text) AND occurred_at = :at
                """).param("kind", kind.name()).param("org", organisation)
                .param("subject", subject == null ? null : subject.value()).param("purpose", purposeKey)
                .param("at", JdbcTime.param(occurredAt)).query(ClockEvents::event).list();
        if (!same.isEmpty()) {
            return same.get(0);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO retention_clock_event (id, kind, organisation_id, subject_id, purpose_key, occurred_at, recorded_at, recorded_by)
                VALUES (:id, :kind, :org, :subject, :purpose, :at, :now, :by)
                """).param("id", id).param("kind", kind.name()).param("org", organisation)
                .param("subject", subject == null ? null : subject.value()).param("purpose", purposeKey)
                .param("at", JdbcTime.param(occurredAt)).param("now", JdbcTime.param(now)).param("by", by).update();
        return new ClockEvent(id, kind, organisation, subject, purposeKey, occurredAt, now, by);
    }

    /** Every event, oldest first (the purge planner folds them into the latest per target). */
    List<ClockEvent> all() {
        return jdbc.sql("SELECT * FROM retention_clock_event ORDER BY occurred_at, id").query(ClockEvents::event).list();
    }

    List<ClockEvent> ofOrganisation(UUID organisation) {
        return jdbc.sql("SELECT * FROM retention_clock_event WHERE organisation_id = :o ORDER BY occurred_at DESC")
                .param("o", organisation).query(ClockEvents::event).list();
    }

    List<ClockEvent> recent(int limit) {
        return jdbc.sql("SELECT * FROM retention_clock_event ORDER BY recorded_at DESC, id LIMIT :n").param("n", limit)
                .query(ClockEvents::event).list();
    }

    private static ClockEvent event(ResultSet rs, int n) throws SQLException {
        UUID subject = rs.getObject("subject_id", UUID.class);
        return new ClockEvent(rs.getObject("id", UUID.class), ClockEventKind.valueOf(rs.getString("kind")),
                rs.getObject("organisation_id", UUID.class), subject == null ? null : new SubjectId(subject),
                rs.getString("purpose_key"), JdbcTime.required(rs, "occurred_at"), JdbcTime.required(rs, "recorded_at"),
                rs.getString("recorded_by"));
    }
}
