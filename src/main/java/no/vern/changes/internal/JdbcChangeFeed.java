package no.vern.changes.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.changes.ChangeEvent;
import no.vern.changes.ChangeFeed;
import no.vern.changes.ChangeType;
import no.vern.shared.InvalidInput;
import no.vern.shared.JdbcTime;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the event log in (transaction id, position) order, and only events of transactions older than the oldest
 * one still running ({@code pg_snapshot_xmin}): a transaction that commits later has a later id than every event
 * already read, so a reader that follows the cursor sees every event exactly once. The cursor is
 * {@code <transaction id>.<position>} of the last event read.
 */
@Service
class JdbcChangeFeed implements ChangeFeed {

    private static final Pattern CURSOR = Pattern.compile("(\\d{1,19})\\.(\\d{1,19})");
    private static final String START = "0.0";
    private static final String SOURCE = "/vern";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> REFS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final AuditLog audit;

    JdbcChangeFeed(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A position in the feed. */
    private record Cursor(long tx, long position) {

        static Cursor parse(@Nullable String text) {
            Matcher m = CURSOR.matcher(text == null || text.isBlank() ? START : text.strip());
            if (!m.matches()) {
                throw new InvalidInput("after", "is not a cursor this feed gave out", "changes.error.cursor");
            }
            try {
                return new Cursor(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
            } catch (NumberFormatException e) {
                throw new InvalidInput("after", "is not a cursor this feed gave out", "changes.error.cursor");
            }
        }

        @Override
        public String toString() {
            return tx + "." + position;
        }
    }

    private record Row(ChangeEvent event, Cursor cursor) {
    }

    @Override
    @Transactional
    public Page after(@Nullable String cursor, Set<ChangeType> types, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInput("limit", "must be between 1 and " + MAX_PAGE, "error.field.range", "1", String.valueOf(MAX_PAGE));
        }
        Cursor from = Cursor.parse(cursor);
        String[] typeNames = (types.isEmpty() ? Arrays.asList(ChangeType.values()) : types).stream().map(Enum::name)
                .toArray(String[]::new);
        List<Row> rows = jdbc.sql("""
                SELECT id, tx::text::bigint AS tx, position, type, subject_id, purposes, refs, occurred_at
                FROM changes_event
                WHERE (tx, position) > (CAST(CAST(:tx AS text) AS xid8), :position)
                  AND tx < pg_snapshot_xmin(pg_current_snapshot())
                  AND type = ANY(:types)
                ORDER BY tx, position
                LIMIT :limit""").param("tx", from.tx()).param("position", from.position()).param("types", typeNames)
                .param("limit", limit).query(JdbcChangeFeed::row).list();
        String next = rows.isEmpty() ? from.toString() : rows.get(rows.size() - 1).cursor().toString();
        audit.record(AuditEvent.of("changes.feed.read", Outcome.SUCCESS).withTargets("events:" + rows.size()));
        return new Page(rows.stream().map(Row::event).toList(), next);
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(event(rs), new Cursor(rs.getLong("tx"), rs.getLong("position")));
    }

    /**
     * The CloudEvent of a {@code changes_event} row (columns id, type, subject_id, purposes, refs, occurred_at); the
     * one mapping of the feed and of webhook bodies.
     */
    static ChangeEvent event(ResultSet rs) throws SQLException {
        ChangeType type = ChangeType.valueOf(rs.getString("type"));
        UUID subject = rs.getObject("subject_id", UUID.class);
        List<String> purposes = List.of((String[]) rs.getArray("purposes").getArray());
        Map<String, String> refs = JSON.readValue(rs.getString("refs"), REFS);
        String about = subject != null ? subject.toString()
                : refs.containsKey("request") ? "request:" + refs.get("request")
                : refs.containsKey("recordVersion") ? "record:" + refs.get("recordVersion") : null;
        return new ChangeEvent(ChangeEvent.SPEC_VERSION, rs.getObject("id", UUID.class), SOURCE, type.type(),
                about, JdbcTime.required(rs, "occurred_at"), "application/json",
                new ChangeEvent.Data(subject == null ? null : subject.toString(), purposes, refs));
    }
}
