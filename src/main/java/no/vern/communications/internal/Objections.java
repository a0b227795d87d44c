package no.vern.communications.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.communications.ObjectionChannel;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/**
 * Objections as append-only events ({@code communications_objection}); read on every send, never
 * cached, so an objection committed on one node is honoured by every node from the next message.
 */
@Component
class Objections {

    private final JdbcClient jdbc;

    Objections(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(SubjectId subject, @Nullable UUID listId, ObjectionChannel channel, Instant at) {
        jdbc.sql("""
                INSERT INTO communications_objection (subject_id, list_id, channel, at) VALUES (:s, :l, :c, :at)""")
                .param("s", subject.value()).param("l", listId).param("c", channel.name())
                .param("at", JdbcTime.param(at)).update();
    }

    /** The subjects among these that objected to the list or to all lists. */
    Set<UUID> objectedAmong(Collection<UUID> subjects, UUID listId) {
        if (subjects.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                SELECT DISTINCT subject_id FROM communications_objection
                WHERE subject_id = ANY(:s) AND (list_id IS NULL OR list_id = :l)""")
                .param("s", subjects.toArray(UUID[]::new)).param("l", listId).query(UUID.class).list());
    }

    /** Whether the subject objected to the list or to all lists. */
    boolean objected(SubjectId subject, @Nullable UUID listId) {
        return jdbc.sql("""
                SELECT count(*) FROM communications_objection
                WHERE subject_id = :s AND (list_id IS NULL OR list_id = :l)""").param("s", subject.value())
                .param("l", listId).query(Long.class).single() > 0;
    }

    /** Objections per day (Europe/Oslo) since the instant. */
    Map<LocalDate, Long> perDay(Instant since) {
        Map<LocalDate, Long> result = new TreeMap<>();
        jdbc.sql("""
                SELECT (at AT TIME ZONE 'Europe/Oslo')::date AS day, count(*) AS n FROM communications_objection
                WHERE at >= :since GROUP BY 1""").param("since", JdbcTime.param(since))
                .query(rs -> {
                    result.put(rs.getObject("day", LocalDate.class), rs.getLong("n"));
                });
        return result;
    }

    /** Objections per list id ("*" for all lists), for the console. */
    Map<String, Long> perList() {
        Map<String, Long> result = new HashMap<>();
        jdbc.sql("SELECT coalesce(list_id::text, '*') AS l, count(*) AS n FROM communications_objection GROUP BY 1")
                .query(rs -> {
                    result.put(rs.getString("l"), rs.getLong("n"));
                });
        return result;
    }
}
