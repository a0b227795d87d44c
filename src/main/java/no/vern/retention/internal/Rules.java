package no.vern.retention.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.retention.PeriodUnit;
import no.vern.retention.RetentionRule;
import no.vern.retention.RuleChange;
import no.vern.retention.RuleKind;
import no.vern.shared.JdbcTime;

/** Rule versions in {@code retention_rule_version}; the newest version of a purpose and category applies. */
@Repository
class Rules {

    private final JdbcClient jdbc;

    Rules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<RetentionRule> current() {
        return jdbc.sql("""
                SELECT DISTINCT ON (purpose_key, category) * FROM retention_rule_version
                ORDER BY purpose_key, category, version DESC
                """).query(Rules::rule).list();
    }

    Optional<RetentionRule> current(String purposeKey, String category) {
        return jdbc.sql("""
                SELECT * FROM retention_rule_version WHERE purpose_key = :p AND category = :c ORDER BY version DESC LIMIT 1
                """).param("p", purposeKey).param("c", category).query(Rules::rule).optional();
    }

    List<RetentionRule> history(String purposeKey, String category) {
        return jdbc.sql("""
                SELECT * FROM retention_rule_version WHERE purpose_key = :p AND category = :c ORDER BY version DESC
                """).param("p", purposeKey).param("c", category).query(Rules::rule).list();
    }

    /** Inserts a version; false if that version exists already (a concurrent edit or seed won). */
    boolean insert(String purposeKey, String category, int version, RuleChange c, String by, Instant at) {
        return jdbc.sql("""
                INSERT INTO retention_rule_version (purpose_key, category, version, kind, amount, unit, unless_consent,
                    notice_days, note, created_by, created_at)
                VALUES (:p, :c, :v, :kind, :amount, :unit, :unless, :notice, :note, :by, :at)
                ON CONFLICT DO NOTHING
                """).param("p", purposeKey).param("c", category).param("v", version).param("kind", c.kind().name())
                .param("amount", c.amount()).param("unit", c.unit().name()).param("unless", c.unlessConsent())
                .param("notice", c.noticeDays()).param("note", c.note()).param("by", by)
                .param("at", JdbcTime.param(at)).update() == 1;
    }

    private static RetentionRule rule(ResultSet rs, int n) throws SQLException {
        return new RetentionRule(rs.getString("purpose_key"), rs.getString("category"), rs.getInt("version"),
                RuleKind.valueOf(rs.getString("kind")), rs.getInt("amount"), PeriodUnit.valueOf(rs.getString("unit")),
                rs.getString("unless_consent"), rs.getInt("notice_days"), rs.getString("note"),
                rs.getString("created_by"), JdbcTime.required(rs, "created_at"));
    }
}
