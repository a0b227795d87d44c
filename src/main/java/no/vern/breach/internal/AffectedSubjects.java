package no.vern.breach.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.breach.AffectedSubject;
import no.vern.breach.BreachId;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/** The people linked to breaches, by opaque subject id, and the outcome of their notice. */
@Repository
class AffectedSubjects {

    private final JdbcClient jdbc;

    AffectedSubjects(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Links a person; false when already linked. */
    boolean link(BreachId id, SubjectId subject, String source, Instant now) {
        return jdbc.sql("""
                INSERT INTO breach_affected_subject (subject_id, breach_id, source, linked_at)
                VALUES (:subject, :id, :source, :now) ON CONFLICT DO NOTHING""")
                .param("subject", subject.value()).param("id", id.value()).param("source", source)
                .param("now", JdbcTime.param(now)).update() == 1;
    }

    List<AffectedSubject> of(BreachId id) {
        return jdbc.sql("""
                SELECT subject_id, source, linked_at, notice_status, notified_at, notice_language
                FROM breach_affected_subject WHERE breach_id = :id ORDER BY linked_at, subject_id""")
                .param("id", id.value())
                .query((rs, i) -> new AffectedSubject(new SubjectId(rs.getObject("subject_id", UUID.class)),
                        rs.getString("source"), JdbcTime.required(rs, "linked_at"), rs.getString("notice_status"),
                        JdbcTime.instant(rs, "notified_at"), rs.getString("notice_language")))
                .list();
    }

    void recordNotice(BreachId id, SubjectId subject, String status, @Nullable Instant notifiedAt,
            @Nullable String language) {
        jdbc.sql("""
                UPDATE breach_affected_subject SET notice_status = :status, notified_at = :at, notice_language = :lang
                WHERE breach_id = :id AND subject_id = :subject""").param("status", status)
                .param("at", JdbcTime.param(notifiedAt)).param("lang", language).param("id", id.value())
                .param("subject", subject.value()).update();
    }
}
