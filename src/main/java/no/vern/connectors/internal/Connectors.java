package no.vern.connectors.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.connectors.Connector;
import no.vern.connectors.ConnectorType;
import no.vern.connectors.NewConnector;
import no.vern.shared.JdbcTime;

/** The registered connectors (configuration holds secret references only). */
@Repository
class Connectors {

    private final JdbcClient jdbc;

    Connectors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, NewConnector c, String createdBy, Instant now) {
        jdbc.sql("""
                INSERT INTO connectors_connector (id, name, owner, owner_email, type, activity_ids, config, created_at, created_by)
                VALUES (:id, :name, :owner, :ownerEmail, :type, :activities, :config, :now, :by)""")
                .param("id", id).param("name", c.name()).param("owner", c.owner()).param("ownerEmail", c.ownerEmail())
                .param("type", c.type().name()).param("activities", c.activityIds().toArray(String[]::new))
                .param("config", c.config()).param("now", JdbcTime.param(now)).param("by", createdBy).update();
    }

    boolean nameTaken(String name) {
        return jdbc.sql("SELECT count(*) FROM connectors_connector WHERE lower(name) = lower(:name)").param("name", name)
                .query(Long.class).single() > 0;
    }

    List<Connector> list() {
        return jdbc.sql("SELECT * FROM connectors_connector ORDER BY lower(name)").query(Connectors::map).list();
    }

    Optional<Connector> find(UUID id) {
        return jdbc.sql("SELECT * FROM connectors_connector WHERE id = :id").param("id", id).query(Connectors::map).optional();
    }

    /** Marks a connector approved (active); false if it was approved already. */
    boolean approve(UUID id, String by, Instant now) {
        return jdbc.sql("UPDATE connectors_connector SET approved_at = :now, approved_by = :by WHERE id = :id AND approved_at IS NULL")
                .param("id", id).param("now", JdbcTime.param(now)).param("by", by).update() == 1;
    }

    /** Records the last outcome of a step or connection test (detail without personal data). */
    void recordOutcome(UUID id, boolean ok, StepDetail detail, Instant now) {
        String set = " last_detail = :detail, last_detail_code = :code, last_detail_args = CAST(:args AS text[]) WHERE id = :id";
        Steps.detail(jdbc.sql(ok
                ? "UPDATE connectors_connector SET last_success_at = :now," + set
                : "UPDATE connectors_connector SET last_failure_at = :now," + set), detail)
                .param("id", id).param("now", JdbcTime.param(now)).update();
    }

    private static Connector map(ResultSet rs, int row) throws SQLException {
        String[] activities = (String[]) rs.getArray("activity_ids").getArray();
        @Nullable String ownerEmail = rs.getString("owner_email");
        StepDetail last = StepDetail.read(rs.getString("last_detail"), rs.getString("last_detail_code"),
                rs.getArray("last_detail_args"));
        return new Connector(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("owner"), ownerEmail,
                ConnectorType.valueOf(rs.getString("type")), Arrays.asList(activities), rs.getString("config"),
                JdbcTime.required(rs, "created_at"), JdbcTime.instant(rs, "last_success_at"),
                JdbcTime.instant(rs, "last_failure_at"), rs.getString("last_detail"), JdbcTime.instant(rs, "approved_at"),
                rs.getString("approved_by"), last == null ? null : last.code(), last == null ? List.of() : last.args());
    }
}
