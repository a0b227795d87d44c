package no.vern.requests.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.requests.CaseEvent;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestChannel;
import no.vern.requests.RequestId;
import no.vern.requests.RequestKind;
import no.vern.requests.RequestStatus;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/** The request case rows and their history (the personal-data columns only as ciphertext). */
@Repository
class Cases {

    /** The subjects recorded in a case ({@code %s}: the case id), in the order they were found: the one place of it. */
    private static final String SUBJECTS_OF =
            "SELECT subject_id FROM requests_case_subject WHERE case_id = %s ORDER BY found_at, subject_id";

    private static final String COLUMNS = " id, kind, channel, status, subject_id, in_register, language, received_at,"
            + " due_at, extended_at, assignee, verified_at, verified_by, linked_to, closed_at, version ";

    private final JdbcClient jdbc;

    Cases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The encrypted contact of a case. */

    void insert(RequestCase c, byte[] emailCt, byte[] emailIndex, byte @Nullable [] detailsCt, Instant now) {
        jdbc.sql("""
                INSERT INTO requests_case (id, kind, channel, status, subject_id, in_register, email_ct, email_index,
                    details_ct, language, received_at, due_at, created_at)
                VALUES (:id, :kind, :channel, :status, :subject, :inRegister, :emailCt, :emailIndex, :detailsCt,
                    :language, :receivedAt, :dueAt, :now)""")
                .param("id", c.id().value()).param("kind", c.kind().name()).param("channel", c.channel().name())
                .param("status", c.status().name()).param("subject", c.subject().value())
                .param("inRegister", c.inRegister()).param("emailCt", emailCt).param("emailIndex", emailIndex)
                .param("detailsCt", detailsCt).param("language", c.language())
                .param("receivedAt", JdbcTime.param(c.receivedAt())).param("dueAt", JdbcTime.param(c.dueAt()))
                .param("now", JdbcTime.param(now)).update();
    }

    Optional<RequestCase> find(RequestId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM requests_case WHERE id = :id").param("id", id.value())
                .query(Cases::map).optional();
    }

    /** Locks the row for a change. */
    Optional<RequestCase> lock(RequestId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM requests_case WHERE id = :id FOR UPDATE").param("id", id.value())
                .query(Cases::map).optional();
    }

    /**
     * The newest case of a register subject whose address is still held (not purged), of these kinds; for telling
     * the person about their restriction (GDPR Art. 18(3)).
     */
    Optional<RequestCase> newestWithAddress(SubjectId subject, List<RequestKind> kinds) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM requests_case WHERE email_ct IS NOT NULL AND kind = ANY(:kinds)
                 AND (subject_id = :subject
                      OR id IN (SELECT case_id FROM requests_case_subject WHERE subject_id = :subject))
                 ORDER BY received_at DESC LIMIT 1""")
                .param("subject", subject.value()).param("kinds", kinds.stream().map(Enum::name).toArray(String[]::new))
                .query(Cases::map).optional();
    }

    /** An open case of the same kind for any of these email index values (oldest first). */
    Optional<RequestCase> openMatch(List<byte[]> emailIndexes, RequestKind kind) {
        for (byte[] index : emailIndexes) {
            Optional<RequestCase> found = jdbc.sql("SELECT " + COLUMNS + """
                     FROM requests_case WHERE email_index = :index AND kind = :kind AND closed_at IS NULL
                     AND linked_to IS NULL ORDER BY received_at LIMIT 1""")
                    .param("index", index).param("kind", kind.name()).query(Cases::map).optional();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    List<RequestCase> list(@Nullable RequestStatus status, @Nullable Instant dueBefore) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM requests_case
                 WHERE (CAST(:status AS text) IS NULL AND closed_at IS NULL OR status = CAST(:status AS text))
                   AND (CAST(:dueBefore AS timestamptz) IS NULL OR due_at < CAST(:dueBefore AS timestamptz))
                 ORDER BY due_at, received_at LIMIT 1000""")
                .param("status", status == null ? null : status.name())
                .param("dueBefore", JdbcTime.param(dueBefore)).query(Cases::map).list();
    }

    /**
     * A case's encrypted address (null once deleted after the retention period), its recorded subjects, and whether the
     * connected systems may hold something for its access (an access fan-out with at least one step was started).
     */
    record AddressAndSubjects(byte @Nullable [] emailCiphertext, List<SubjectId> subjects, boolean accessFannedOut) {
    }

    /**
     * {@link #emailCiphertext}, {@link #subjects} and the fan-out question in one statement (an access export asks all
     * three, issue 28 item 5). A fan-out is started through {@code SystemFanOut.start}, which records it in the case's
     * history in the same transaction (operation and number of steps); a fan-out of no step can never collect
     * anything (a second start adds none). A line written before the arguments were stored counts as a fan-out.
     */
    AddressAndSubjects addressAndSubjects(RequestId id) {
        return jdbc.sql("""
                SELECT c.email_ct, ARRAY(%s) AS subjects,
                       EXISTS (SELECT 1 FROM requests_history h WHERE h.case_id = c.id AND h.action = 'systems-started'
                                  AND (h.args IS NULL OR h.args[1] = 'ACCESS' AND h.args[2] <> '0')) AS fanned_out
                  FROM requests_case c WHERE c.id = :id
                """.formatted(SUBJECTS_OF.formatted("c.id"))).param("id", id.value())
                .query((rs, n) -> new AddressAndSubjects(rs.getBytes(1), Arrays.stream((Object[]) rs.getArray(2).getArray())
                        .map(s -> new SubjectId((UUID) s)).toList(), rs.getBoolean(3))).single(); // no case: EmptyResultDataAccessException
    }

    /** The encrypted address, or null once the case's personal data was deleted after its retention period. */
    byte @Nullable [] emailCiphertext(RequestId id) {
        List<byte[]> found = jdbc.sql("SELECT email_ct FROM requests_case WHERE id = :id").param("id", id.value())
                .query((rs, n) -> rs.getBytes(1)).list();
        if (found.isEmpty()) {
            throw new EmptyResultDataAccessException(1);
        }
        return found.get(0);
    }

    /** Closed cases whose personal data is due for deletion, locked (other nodes skip them). */
    List<RequestCase> purgeDue(Instant closedBefore, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM requests_case WHERE closed_at < :cutoff AND purged_at IS NULL
                 ORDER BY closed_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("cutoff", JdbcTime.param(closedBefore)).param("limit", limit).query(Cases::map).list();
    }

    /** Deletes a case's personal data (address, index, own words, notes, codes, download window); keeps the case. */
    void purge(RequestId id, Instant now) {
        jdbc.sql("DELETE FROM requests_note WHERE case_id = :id").param("id", id.value()).update();
        jdbc.sql("DELETE FROM requests_code WHERE case_id = :id").param("id", id.value()).update();
        jdbc.sql("DELETE FROM requests_delivery WHERE case_id = :id").param("id", id.value()).update();
        jdbc.sql("""
                UPDATE requests_case SET email_ct = NULL, email_index = NULL, details_ct = NULL, purged_at = :now,
                    version = version + 1 WHERE id = :id""")
                .param("id", id.value()).param("now", JdbcTime.param(now)).update();
    }

    byte @Nullable [] detailsCiphertext(RequestId id) {
        return jdbc.sql("SELECT details_ct FROM requests_case WHERE id = :id").param("id", id.value())
                .query((rs, n) -> rs.getBytes(1)).optional().orElse(null);
    }

    void status(RequestId id, RequestStatus status, Instant now) {
        jdbc.sql("""
                UPDATE requests_case SET status = :status, version = version + 1,
                    closed_at = CASE WHEN :closed THEN CAST(:now AS timestamptz) ELSE closed_at END
                WHERE id = :id""").param("status", status.name()).param("closed", status.closed())
                .param("now", JdbcTime.param(now)).param("id", id.value()).update();
    }

    void assign(RequestId id, String handler) {
        jdbc.sql("UPDATE requests_case SET assignee = :h, version = version + 1 WHERE id = :id")
                .param("h", handler).param("id", id.value()).update();
    }

    void verified(RequestId id, String how, Instant now) {
        jdbc.sql("""
                UPDATE requests_case SET verified_at = :now, verified_by = :how, version = version + 1 WHERE id = :id""")
                .param("now", JdbcTime.param(now)).param("how", how).param("id", id.value()).update();
    }

    void extended(RequestId id, Instant dueAt, Instant now) {
        jdbc.sql("""
                UPDATE requests_case SET due_at = :due, extended_at = :now, status = 'EXTENDED', version = version + 1
                WHERE id = :id""").param("due", JdbcTime.param(dueAt)).param("now", JdbcTime.param(now))
                .param("id", id.value()).update();
    }

    /** Moves the due date (an identity answer restarts the period, Art. 12(6)); status unchanged. */
    void due(RequestId id, Instant dueAt) {
        jdbc.sql("UPDATE requests_case SET due_at = :due, version = version + 1 WHERE id = :id")
                .param("due", JdbcTime.param(dueAt)).param("id", id.value()).update();
    }

    /**
     * Records a history line: the action code and its arguments, from which the console says it in the reader's
     * language (issue 23), and the English detail the API reports.
     */
    void event(RequestId id, Instant at, String actor, String action, @Nullable String detail, List<String> args) {
        jdbc.sql("""
                INSERT INTO requests_history (case_id, at, actor, action, detail, args)
                VALUES (:id, :at, :actor, :action, :detail, CAST(:args AS text[]))""").param("id", id.value())
                .param("at", JdbcTime.param(at)).param("actor", actor).param("action", action)
                .param("detail", detail).param("args", args.toArray(String[]::new)).update();
    }

    List<CaseEvent> history(RequestId id) {
        return jdbc.sql("SELECT at, actor, action, detail, args FROM requests_history WHERE case_id = :id ORDER BY id")
                .param("id", id.value())
                .query((rs, n) -> new CaseEvent(JdbcTime.required(rs, "at"), rs.getString("actor"),
                        rs.getString("action"), rs.getString("detail"), args(rs.getArray("args"))))
                .list();
    }

    /** The stored arguments, or null for a line written before they were stored. */
    private static @Nullable List<String> args(java.sql.@Nullable Array array) throws java.sql.SQLException {
        return array == null ? null : List.of((String[]) array.getArray());
    }

    void note(UUID noteId, RequestId id, String author, byte[] bodyCt, Instant now) {
        jdbc.sql("""
                INSERT INTO requests_note (id, case_id, author, body_ct, created_at)
                VALUES (:nid, :id, :author, :body, :now)""").param("nid", noteId).param("id", id.value())
                .param("author", author).param("body", bodyCt).param("now", JdbcTime.param(now)).update();
    }

    record StoredNote(UUID id, String author, byte[] body, Instant at) {
    }

    List<StoredNote> notes(RequestId id) {
        return jdbc.sql("SELECT id, author, body_ct, created_at FROM requests_note WHERE case_id = :id ORDER BY created_at")
                .param("id", id.value())
                .query((rs, n) -> new StoredNote(rs.getObject("id", UUID.class), rs.getString("author"),
                        rs.getBytes("body_ct"), JdbcTime.required(rs, "created_at")))
                .list();
    }

    /** Records the register subjects a case acts on (ids only); already recorded ones are kept. */
    void addSubjects(RequestId id, List<SubjectId> subjects, Instant now) {
        for (SubjectId s : subjects) {
            jdbc.sql("""
                    INSERT INTO requests_case_subject (case_id, subject_id, found_at) VALUES (:id, :s, :now)
                    ON CONFLICT DO NOTHING""").param("id", id.value()).param("s", s.value())
                    .param("now", JdbcTime.param(now)).update();
        }
    }

    /** The register subjects recorded for a case, in the order they were found. */
    List<SubjectId> subjects(RequestId id) {
        return jdbc.sql(SUBJECTS_OF.formatted(":id"))
                .param("id", id.value()).query((rs, n) -> new SubjectId(rs.getObject(1, UUID.class))).list();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM requests_case").query(Long.class).single();
    }

    private static RequestCase map(ResultSet rs, int row) throws SQLException {
        UUID linked = rs.getObject("linked_to", UUID.class);
        return new RequestCase(new RequestId(rs.getObject("id", UUID.class)), RequestKind.valueOf(rs.getString("kind")),
                RequestChannel.valueOf(rs.getString("channel")), RequestStatus.valueOf(rs.getString("status")),
                new SubjectId(rs.getObject("subject_id", UUID.class)), rs.getBoolean("in_register"),
                rs.getString("language"), JdbcTime.required(rs, "received_at"), JdbcTime.required(rs, "due_at"),
                JdbcTime.instant(rs, "extended_at"), rs.getString("assignee"), JdbcTime.instant(rs, "verified_at"),
                rs.getString("verified_by"), linked == null ? null : new RequestId(linked),
                JdbcTime.instant(rs, "closed_at"), rs.getLong("version"));
    }

    /** How many requests were received per day (Europe/Oslo) since the instant: counts only, for trends. */
    java.util.Map<java.time.LocalDate, Long> receivedPerDay(Instant since) {
        return jdbc.sql("""
                SELECT (received_at AT TIME ZONE 'Europe/Oslo')::date AS day, count(*) AS n FROM requests_case
                 WHERE received_at >= :since GROUP BY 1
                """).param("since", JdbcTime.param(since))
                .query((rs, n) -> java.util.Map.entry(rs.getObject("day", java.time.LocalDate.class), rs.getLong("n")))
                .list().stream().collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey,
                        java.util.Map.Entry::getValue));
    }
}
