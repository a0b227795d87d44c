package no.vern.training.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.shared.JdbcTime;
import no.vern.training.AccessItem;

/** Access reviews per quarter and the decision on each item. */
@Repository
class AccessDecisions {

    /** A stored decision. */
    record Stored(AccessItem.Kind kind, UUID target, AccessItem.Decision decision, String grants, Instant decidedAt) {
    }

    private final JdbcClient jdbc;

    AccessDecisions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void startIfAbsent(String period, LocalDate dueOn, Instant now) {
        jdbc.sql("""
                INSERT INTO training_access_review (period, due_on, started_at) VALUES (:p, :due, :now)
                ON CONFLICT DO NOTHING
                """).param("p", period).param("due", dueOn).param("now", JdbcTime.param(now)).update();
    }

    List<Stored> of(String period) {
        return jdbc.sql("SELECT kind, target_id, decision, grants, decided_at FROM training_access_decision WHERE period = :p")
                .param("p", period)
                .query((rs, n) -> new Stored(AccessItem.Kind.valueOf(rs.getString("kind")),
                        rs.getObject("target_id", UUID.class), AccessItem.Decision.valueOf(rs.getString("decision")),
                        rs.getString("grants"), JdbcTime.required(rs, "decided_at")))
                .list();
    }

    void decide(String period, AccessItem.Kind kind, UUID target, AccessItem.Decision decision, String grants,
            String by, Instant at) {
        jdbc.sql("""
                INSERT INTO training_access_decision (period, kind, target_id, decision, grants, decided_by, decided_at)
                VALUES (:p, :kind, :target, :decision, :grants, :by, :at)
                ON CONFLICT (period, kind, target_id) DO UPDATE
                   SET decision = EXCLUDED.decision, grants = EXCLUDED.grants, decided_by = EXCLUDED.decided_by,
                       decided_at = EXCLUDED.decided_at
                """).param("p", period).param("kind", kind.name()).param("target", target)
                .param("decision", decision.name()).param("grants", grants).param("by", by)
                .param("at", JdbcTime.param(at)).update();
    }
}
