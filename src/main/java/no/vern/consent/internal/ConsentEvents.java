package no.vern.consent.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.consent.Channel;
import no.vern.consent.ConsentEventType;
import no.vern.consent.ConsentEventView;
import no.vern.consent.ConsentState;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/**
 * The ledger's tables: appends events to {@code consent_event} (never updated) and keeps the
 * {@code consent_state} projection in step, in the caller's transaction.
 */
@Repository
class ConsentEvents {

    /** An event to append. */
    record NewEvent(SubjectId subject, String purposeKey, ConsentEventType type, Instant at, Channel channel,
            @Nullable Integer noticeVersion, @Nullable String noticeHash, @Nullable String language, String recordedBy,
            @Nullable UUID receiptId, @Nullable Instant expiresAt, @Nullable String reason) {
    }

    /** The receipt's event with the subject it belongs to. */
    record ReceiptRow(SubjectId subject, ConsentEventView event) {
    }

    private final JdbcClient jdbc;

    ConsentEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends the event and moves the projection to it; both in the current transaction. */
    void append(NewEvent e) {
        jdbc.sql("""
                INSERT INTO consent_event (subject_id, purpose_key, type, at, channel, notice_version, notice_hash,
                                           language, recorded_by, receipt_id, expires_at, reason)
                VALUES (:subject, :purpose, :type, :at, :channel, :version, :hash, :language, :by, :receipt,
                        :expires, :reason)
                """).param("subject", e.subject().value()).param("purpose", e.purposeKey())
                .param("type", e.type().name()).param("at", JdbcTime.param(e.at()))
                .param("channel", e.channel().name()).param("version", e.noticeVersion())
                .param("hash", e.noticeHash()).param("language", e.language()).param("by", e.recordedBy())
                .param("receipt", e.receiptId()).param("expires", JdbcTime.param(e.expiresAt()))
                .param("reason", e.reason()).update();
        boolean grants = e.type().grants();
        jdbc.sql("""
                INSERT INTO consent_state (subject_id, purpose_key, status, since, expires_at, receipt_id)
                VALUES (:subject, :purpose, :status, :at, :expires, :receipt)
                ON CONFLICT (subject_id, purpose_key) DO UPDATE
                   SET status = EXCLUDED.status, since = EXCLUDED.since,
                       expires_at = CASE WHEN :grants THEN EXCLUDED.expires_at ELSE consent_state.expires_at END,
                       receipt_id = COALESCE(EXCLUDED.receipt_id, consent_state.receipt_id)
                """).param("subject", e.subject().value()).param("purpose", e.purposeKey())
                .param("status", e.type().name()).param("at", JdbcTime.param(e.at()))
                .param("expires", JdbcTime.param(grants ? e.expiresAt() : null)).param("receipt", e.receiptId())
                .param("grants", grants).update();
    }

    /**
     * The one rule of a consent in force, as SQL: the subject in {@code subjectColumn} has a given or renewed, unexpired
     * consent for {@code :purpose} at {@code :now} (a primary-key lookup). {@link #permits}, {@link #permittedAmong} and
     * the gate's {@code inForceSql} (bulk reads that embed it) all use this text.
     */
    static String inForce(String subjectColumn) {
        return """
                EXISTS (SELECT 1 FROM consent_state
                        WHERE subject_id = %s AND purpose_key = :purpose
                          AND status IN ('GIVEN', 'RENEWED')
                          AND (expires_at IS NULL OR expires_at > :now))""".formatted(subjectColumn);
    }

    /** Whether a consent is in force at {@code now}: one primary-key lookup, no cache (the gate's hot path). */
    boolean permits(SubjectId subject, String purposeKey, Instant now) {
        return jdbc.sql("SELECT " + inForce(":subject")).param("subject", subject.value()).param("purpose", purposeKey).param("now", JdbcTime.param(now))
                .query(Boolean.class).single();
    }

    /** The subjects among these that {@link #permits} for the purpose at {@code now}: the same rule, one query. */
    Set<SubjectId> permittedAmong(Collection<SubjectId> subjects, String purposeKey, Instant now) {
        Set<SubjectId> permitted = new HashSet<>();
        jdbc.sql("SELECT s.id AS subject_id FROM unnest(CAST(:subjects AS uuid[])) AS s(id) WHERE " + inForce("s.id"))
                .param("subjects", subjects.stream().map(SubjectId::value).distinct().toArray(UUID[]::new))
                .param("purpose", purposeKey).param("now", JdbcTime.param(now))
                .query((ResultSet rs) -> {
                    permitted.add(new SubjectId(rs.getObject("subject_id", UUID.class)));
                });
        return permitted;
    }

    /** The state of one consent, locking its row for the rest of the transaction. */
    Optional<ConsentState> lock(SubjectId subject, String purposeKey) {
        return jdbc.sql("SELECT * FROM consent_state WHERE subject_id = :subject AND purpose_key = :purpose FOR UPDATE")
                .param("subject", subject.value()).param("purpose", purposeKey).query(ConsentEvents::state).optional();
    }

    /** Takes a transaction-scoped advisory lock on a subject and purpose (serialises a first consent). */
    void lockKey(SubjectId subject, String purposeKey) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 7))")
                .param("key", subject.value() + "/" + purposeKey).query(Object.class).list();
    }

    Optional<ConsentState> state(SubjectId subject, String purposeKey) {
        return jdbc.sql("SELECT * FROM consent_state WHERE subject_id = :subject AND purpose_key = :purpose")
                .param("subject", subject.value()).param("purpose", purposeKey).query(ConsentEvents::state).optional();
    }

    List<ConsentState> statesOf(SubjectId subject) {
        return jdbc.sql("SELECT * FROM consent_state WHERE subject_id = :subject ORDER BY purpose_key")
                .param("subject", subject.value()).query(ConsentEvents::state).list();
    }

    List<ConsentEventView> history(SubjectId subject) {
        return jdbc.sql("SELECT * FROM consent_event WHERE subject_id = :subject ORDER BY id")
                .param("subject", subject.value()).query(ConsentEvents::view).list();
    }

    Optional<ReceiptRow> byReceipt(UUID receiptId) {
        return jdbc.sql("SELECT * FROM consent_event WHERE receipt_id = :receipt").param("receipt", receiptId)
                .query((rs, n) -> new ReceiptRow(new SubjectId(rs.getObject("subject_id", UUID.class)), view(rs, n)))
                .optional();
    }

    /** Consents in force at {@code now} for the purpose. */
    long countActive(String purposeKey, Instant now) {
        return jdbc.sql("""
                SELECT count(*) FROM consent_state WHERE purpose_key = :purpose AND status IN ('GIVEN', 'RENEWED')
                   AND (expires_at IS NULL OR expires_at > :now)
                """).param("purpose", purposeKey).param("now", JdbcTime.param(now)).query(Long.class).single();
    }

    /** Consents in force at {@code now} that lapse before {@code until}. */
    long countExpiring(String purposeKey, Instant now, Instant until) {
        return jdbc.sql("""
                SELECT count(*) FROM consent_state WHERE purpose_key = :purpose AND status IN ('GIVEN', 'RENEWED')
                   AND expires_at > :now AND expires_at <= :until
                """).param("purpose", purposeKey).param("now", JdbcTime.param(now))
                .param("until", JdbcTime.param(until)).query(Long.class).single();
    }

    /** Consents in force or lapsed, over all purposes (the demo data checks for an empty ledger). */
    long countEvents() {
        return jdbc.sql("SELECT count(*) FROM consent_event").query(Long.class).single();
    }

    /** Given consents whose expiry time has passed but that have no EXPIRED event yet, locked and skipped by other nodes. */
    List<ConsentState> lapsed(Instant now, int limit) {
        return jdbc.sql("""
                SELECT * FROM consent_state WHERE status IN ('GIVEN', 'RENEWED') AND expires_at <= :now
                 ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED
                """).param("now", JdbcTime.param(now)).param("limit", limit).query(ConsentEvents::state).list();
    }

    private static ConsentState state(ResultSet rs, int n) throws SQLException {
        return new ConsentState(new SubjectId(rs.getObject("subject_id", UUID.class)), rs.getString("purpose_key"),
                ConsentEventType.valueOf(rs.getString("status")), JdbcTime.required(rs, "since"),
                JdbcTime.instant(rs, "expires_at"), rs.getObject("receipt_id", UUID.class));
    }

    private static ConsentEventView view(ResultSet rs, int n) throws SQLException {
        int version = rs.getInt("notice_version");
        Integer noticeVersion = rs.wasNull() ? null : version;
        return new ConsentEventView(rs.getString("purpose_key"), ConsentEventType.valueOf(rs.getString("type")),
                JdbcTime.required(rs, "at"), Channel.valueOf(rs.getString("channel")), noticeVersion,
                rs.getString("notice_hash"), rs.getString("language"), rs.getString("recorded_by"),
                rs.getObject("receipt_id", UUID.class), JdbcTime.instant(rs, "expires_at"), rs.getString("reason"));
    }

    /** How many events of the type happened per day (Europe/Oslo) since the instant: counts only, for trends. */
    java.util.Map<java.time.LocalDate, Long> countPerDay(ConsentEventType type, Instant since) {
        return jdbc.sql("""
                SELECT (at AT TIME ZONE 'Europe/Oslo')::date AS day, count(*) AS n FROM consent_event
                 WHERE type = :type AND at >= :since GROUP BY 1
                """).param("type", type.name()).param("since", JdbcTime.param(since))
                .query((rs, n) -> java.util.Map.entry(rs.getObject("day", java.time.LocalDate.class), rs.getLong("n")))
                .list().stream().collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey,
                        java.util.Map.Entry::getValue));
    }
}
