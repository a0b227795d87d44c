package no.vern.retention.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.retention.HoldScope;
import no.vern.retention.LegalHold;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/** Legal holds in {@code retention_hold}. */
@Repository
class Holds {

    private final JdbcClient jdbc;

    Holds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(LegalHold h) {
        jdbc.sql("""
                INSERT INTO retention_hold (id, scope, subject_id, organisation_id, category, reason, owner, review_on,
                    created_by, created_at)
                VALUES (:id, :scope, :subject, :org, :category, :reason, :owner, :review, :by, :at)
                """).param("id", h.id()).param("scope", h.scope().name())
                .param("subject", h.subject() == null ? null : h.subject().value()).param("org", h.organisation())
                .param("category", h.category()).param("reason", h.reason()).param("owner", h.owner())
                .param("review", h.reviewOn()).param("by", h.createdBy()).param("at", JdbcTime.param(h.createdAt()))
                .update();
    }

    boolean release(UUID id, String by, Instant at) {
        return jdbc.sql("""
                UPDATE retention_hold SET released_by = :by, released_at = :at WHERE id = :id AND released_at IS NULL
                """).param("id", id).param("by", by).param("at", JdbcTime.param(at)).update() == 1;
    }

    Optional<LegalHold> find(UUID id) {
        return jdbc.sql("SELECT * FROM retention_hold WHERE id = :id").param("id", id).query(Holds::hold).optional();
    }

    List<LegalHold> all() {
        return jdbc.sql("SELECT * FROM retention_hold ORDER BY released_at IS NOT NULL, created_at DESC, id")
                .query(Holds::hold).list();
    }

    List<LegalHold> active() {
        return jdbc.sql("SELECT * FROM retention_hold WHERE released_at IS NULL").query(Holds::hold).list();
    }

    private static LegalHold hold(ResultSet rs, int n) throws SQLException {
        UUID subject = rs.getObject("subject_id", UUID.class);
        return new LegalHold(rs.getObject("id", UUID.class), HoldScope.valueOf(rs.getString("scope")),
                subject == null ? null : new SubjectId(subject), rs.getObject("organisation_id", UUID.class),
                rs.getString("category"), rs.getString("reason"), rs.getString("owner"),
                rs.getObject("review_on", java.time.LocalDate.class), rs.getString("created_by"),
                JdbcTime.required(rs, "created_at"), rs.getString("released_by"), JdbcTime.instant(rs, "released_at"));
    }
}
