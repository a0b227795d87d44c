package no.vern.assessments.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.assessments.Dpia;
import no.vern.assessments.DpiaContent;
import no.vern.shared.JdbcTime;
import tools.jackson.databind.json.JsonMapper;

/** DPIAs and their immutable versions in PostgreSQL (the content as JSON). */
@Repository
class Dpias {

    private static final String SELECT = """
            SELECT d.id, d.activity_id, v.version, v.content::text AS content, v.author, v.created_at
              FROM assessments_dpia d JOIN assessments_dpia_version v ON v.dpia_id = d.id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Dpias(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Dpia> newest() {
        return jdbc.sql(SELECT + """
                 WHERE v.version = (SELECT max(version) FROM assessments_dpia_version WHERE dpia_id = d.id)
                 ORDER BY d.activity_id, d.created_at
                """).query(this::map).list();
    }

    List<Dpia> versions(UUID id) {
        return jdbc.sql(SELECT + " WHERE d.id = :id ORDER BY v.version DESC").param("id", id).query(this::map).list();
    }

    Optional<Dpia> version(UUID id, int version) {
        return jdbc.sql(SELECT + " WHERE d.id = :id AND v.version = :v").param("id", id).param("v", version)
                .query(this::map).optional();
    }

    void create(UUID id, String activityId, Instant at) {
        jdbc.sql("INSERT INTO assessments_dpia (id, activity_id, created_at) VALUES (:id, :a, :at)").param("id", id)
                .param("a", activityId).param("at", JdbcTime.param(at)).update();
    }

    /** Adds a version; false if that version exists (someone saved first). */
    boolean insertVersion(UUID id, int version, DpiaContent content, String author, Instant at) {
        return jdbc.sql("""
                INSERT INTO assessments_dpia_version (dpia_id, version, content, author, created_at)
                VALUES (:id, :v, CAST(:content AS jsonb), :author, :at) ON CONFLICT DO NOTHING
                """).param("id", id).param("v", version).param("content", json.writeValueAsString(content))
                .param("author", author).param("at", JdbcTime.param(at)).update() == 1;
    }

    private Dpia map(ResultSet rs, int n) throws SQLException {
        return new Dpia(rs.getObject("id", UUID.class), rs.getString("activity_id"), rs.getInt("version"),
                json.readValue(rs.getString("content"), DpiaContent.class), rs.getString("author"),
                JdbcTime.required(rs, "created_at"));
    }
}
