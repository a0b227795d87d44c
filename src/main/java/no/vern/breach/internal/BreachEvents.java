package no.vern.breach.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.breach.BreachId;
import no.vern.breach.TimelineEntry;
import no.vern.shared.JdbcTime;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The append-only timeline of each breach (the application role may not update or delete it). */
@Repository
class BreachEvents {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    BreachEvents(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Appends an entry; the caller holds the breach's row lock, so sequence numbers do not clash. */
    void append(BreachId id, Instant at, String actor, String kind, Map<String, Object> details) {
        jdbc.sql("""
                INSERT INTO breach_event (breach_id, seq, at, actor, kind, details_json)
                SELECT :id, COALESCE(MAX(seq), 0) + 1, :at, :actor, :kind, CAST(:details AS jsonb)
                FROM breach_event WHERE breach_id = :id""").param("id", id.value()).param("at", JdbcTime.param(at))
                .param("actor", actor).param("kind", kind).param("details", json.writeValueAsString(details)).update();
    }

    List<TimelineEntry> of(BreachId id) {
        return jdbc.sql("SELECT seq, at, actor, kind, details_json::text AS details FROM breach_event WHERE breach_id = :id ORDER BY seq")
                .param("id", id.value())
                .query((rs, i) -> new TimelineEntry(rs.getInt("seq"), JdbcTime.required(rs, "at"), rs.getString("actor"),
                        rs.getString("kind"), json.readValue(rs.getString("details"), MAP)))
                .list();
    }
}
