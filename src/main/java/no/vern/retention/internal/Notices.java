package no.vern.retention.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/** Notices before deletion in {@code retention_notice}: one per subject, purpose and due date. */
@Repository
class Notices {

    /** A notice as stored. */
    record Notice(UUID id, SubjectId subject, String purposeKey, Instant dueAt, Instant sentAt,
            @org.jspecify.annotations.Nullable Instant answeredAt) {
    }

    private final JdbcClient jdbc;

    Notices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Notice> find(SubjectId subject, String purposeKey, Instant dueAt) {
        return jdbc.sql("SELECT * FROM retention_notice WHERE subject_id = :s AND purpose_key = :p AND due_at = :d")
                .param("s", subject.value()).param("p", purposeKey).param("d", JdbcTime.param(dueAt))
                .query(Notices::notice).optional();
    }

    Optional<Notice> find(UUID id) {
        return jdbc.sql("SELECT * FROM retention_notice WHERE id = :id").param("id", id).query(Notices::notice).optional();
    }

    /** Records a notice unless one exists; empty when another run recorded it first (then it sends). */
    Optional<Notice> insert(SubjectId subject, String purposeKey, Instant dueAt, Instant now) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                INSERT INTO retention_notice (id, subject_id, purpose_key, due_at, sent_at) VALUES (:id, :s, :p, :d, :now)
                ON CONFLICT DO NOTHING
                """).param("id", id).param("s", subject.value()).param("p", purposeKey).param("d", JdbcTime.param(dueAt))
                .param("now", JdbcTime.param(now)).update();
        return inserted == 1 ? Optional.of(new Notice(id, subject, purposeKey, dueAt, now, null)) : Optional.empty();
    }

    boolean answer(UUID id, Instant now) {
        return jdbc.sql("UPDATE retention_notice SET answered_at = :now WHERE id = :id AND answered_at IS NULL")
                .param("id", id).param("now", JdbcTime.param(now)).update() == 1;
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM retention_notice").query(Long.class).single();
    }

    private static Notice notice(ResultSet rs, int n) throws SQLException {
        return new Notice(rs.getObject("id", UUID.class), new SubjectId(rs.getObject("subject_id", UUID.class)),
                rs.getString("purpose_key"), JdbcTime.required(rs, "due_at"), JdbcTime.required(rs, "sent_at"),
                JdbcTime.instant(rs, "answered_at"));
    }
}
