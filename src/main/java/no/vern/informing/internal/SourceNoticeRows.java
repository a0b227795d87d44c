package no.vern.informing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.informing.Exemption;
import no.vern.informing.SourceNotices.ImportLine;
import no.vern.informing.SourceNotices.OriginExemption;
import no.vern.register.Source;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/** The stored Art. 14 notices and import exemptions ({@code informing_notice}, {@code informing_origin_exemption}). */
@Repository
class SourceNoticeRows {

    /** A stored notice; the per-person exemption reason still encrypted. */
    record Row(UUID id, SubjectId subject, Source source, String purposeKey, @Nullable String origin, String language,
            Instant obtainedAt, Instant sendAt, Instant deadline, @Nullable Instant sentAt, @Nullable UUID mailReference,
            @Nullable Integer recordVersion, @Nullable Instant unreachableAt, @Nullable Exemption exemption,
            byte @Nullable [] personalReason, @Nullable String exemptedBy, @Nullable Instant exemptedAt,
            @Nullable String textSha256) {

        @Override
        public String toString() {
            return "SourceNoticeRows.Row[" + id + "]";
        }
    }

    private static final String COLUMNS = """
            subject_id, id, source, purpose_key, origin, language, obtained_at, send_at, deadline, sent_at,
            mail_reference, record_version, unreachable_at, exemption, exemption_reason, exempted_by, exempted_at,
            text_sha256""";

    private final JdbcClient jdbc;

    SourceNoticeRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(SubjectId subject, UUID id, Source source, String purposeKey, @Nullable String origin, String language,
            Instant obtainedAt, Instant sendAt, Instant deadline) {
        jdbc.sql("""
                INSERT INTO informing_notice (subject_id, id, source, purpose_key, origin, language, obtained_at,
                                              send_at, deadline)
                VALUES (:subject, :id, :source, :purpose, :origin, :language, :obtained, :send, :deadline)""")
                .param("subject", subject.value()).param("id", id).param("source", source.name())
                .param("purpose", purposeKey).param("origin", origin).param("language", language)
                .param("obtained", JdbcTime.param(obtainedAt)).param("send", JdbcTime.param(sendAt))
                .param("deadline", JdbcTime.param(deadline)).update();
    }

    List<Row> ofSubject(SubjectId subject) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM informing_notice WHERE subject_id = :s ORDER BY obtained_at, id")
                .param("s", subject.value()).query(SourceNoticeRows::row).list();
    }

    List<Row> ofOrigin(String origin) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM informing_notice WHERE origin = :o ORDER BY obtained_at, id")
                .param("o", origin).query(SourceNoticeRows::row).list();
    }

    /** SourceNoticeRows due at {@code now}, oldest first, locked so two nodes never send the same one. */
    List<Row> dueForUpdate(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM informing_notice
                WHERE send_at <= :now AND sent_at IS NULL AND exemption IS NULL AND unreachable_at IS NULL
                ORDER BY send_at, id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("now", JdbcTime.param(now)).param("limit", limit).query(SourceNoticeRows::row).list();
    }

    /** The subject's notices still owed, locked. */
    List<Row> owedForUpdate(SubjectId subject) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM informing_notice
                WHERE subject_id = :s AND sent_at IS NULL AND exemption IS NULL
                ORDER BY obtained_at, id FOR UPDATE""")
                .param("s", subject.value()).query(SourceNoticeRows::row).list();
    }

    /** The subjects among these with a notice still owed and an address not known to be missing (one query). */
    java.util.Set<SubjectId> owedAmong(java.util.Collection<SubjectId> subjects) {
        if (subjects.isEmpty()) {
            return java.util.Set.of();
        }
        UUID[] ids = subjects.stream().map(SubjectId::value).distinct().toArray(UUID[]::new);
        return java.util.Set.copyOf(jdbc.sql("""
                SELECT DISTINCT subject_id FROM informing_notice
                 WHERE subject_id = ANY (:ids) AND sent_at IS NULL AND exemption IS NULL AND unreachable_at IS NULL""")
                .param("ids", ids).query((rs, n) -> new SubjectId(rs.getObject(1, UUID.class))).list());
    }

    void markSent(Row row, Instant at, UUID mailReference, int recordVersion, String sha256) {
        jdbc.sql("""
                UPDATE informing_notice SET sent_at = :at, mail_reference = :ref, record_version = :version,
                       text_sha256 = :sha, unreachable_at = NULL
                 WHERE subject_id = :s AND id = :id AND sent_at IS NULL AND exemption IS NULL""")
                .param("at", JdbcTime.param(at)).param("ref", mailReference).param("version", recordVersion)
                .param("sha", sha256).param("s", row.subject().value()).param("id", row.id()).update();
    }

    void markUnreachable(Row row, Instant at) {
        jdbc.sql("UPDATE informing_notice SET unreachable_at = :at WHERE subject_id = :s AND id = :id AND sent_at IS NULL")
                .param("at", JdbcTime.param(at)).param("s", row.subject().value()).param("id", row.id()).update();
    }

    void exempt(Row row, Exemption exemption, byte @Nullable [] personalReason, String by, Instant at) {
        jdbc.sql("""
                UPDATE informing_notice SET exemption = :e, exemption_reason = :r, exempted_by = :by, exempted_at = :at
                 WHERE subject_id = :s AND id = :id AND sent_at IS NULL""")
                .param("e", exemption.name()).param("r", personalReason).param("by", by).param("at", JdbcTime.param(at))
                .param("s", row.subject().value()).param("id", row.id()).update();
    }

    /** Exempts every notice of the import not yet sent (the reason lives in the import's exemption row). */
    int exemptOrigin(String origin, Exemption exemption, String by, Instant at) {
        return jdbc.sql("""
                UPDATE informing_notice SET exemption = :e, exempted_by = :by, exempted_at = :at
                 WHERE origin = :o AND sent_at IS NULL AND exemption IS NULL""")
                .param("e", exemption.name()).param("by", by).param("at", JdbcTime.param(at)).param("o", origin).update();
    }

    void saveOriginExemption(String origin, Exemption exemption, String reason, String by, Instant at) {
        jdbc.sql("""
                INSERT INTO informing_origin_exemption (origin, exemption, reason, exempted_by, exempted_at)
                VALUES (:o, :e, :r, :by, :at)
                ON CONFLICT (origin) DO UPDATE SET exemption = :e, reason = :r, exempted_by = :by, exempted_at = :at""")
                .param("o", origin).param("e", exemption.name()).param("r", reason).param("by", by)
                .param("at", JdbcTime.param(at)).update();
    }

    Optional<OriginExemption> originExemption(String origin) {
        return jdbc.sql("SELECT origin, exemption, reason, exempted_by, exempted_at FROM informing_origin_exemption WHERE origin = :o")
                .param("o", origin)
                .query((rs, n) -> new OriginExemption(rs.getString("origin"), Exemption.valueOf(rs.getString("exemption")),
                        rs.getString("reason"), rs.getString("exempted_by"), instant(rs, "exempted_at")))
                .optional();
    }

    /** Counts by state for the overview: scheduled, sent, exempt, unreachable, overdue. */
    record Counts(long scheduled, long sent, long exempt, long unreachable, long overdue) {
    }

    Counts counts(Instant now) {
        return jdbc.sql("""
                SELECT count(*) FILTER (WHERE sent_at IS NULL AND exemption IS NULL AND unreachable_at IS NULL) AS scheduled,
                       count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent,
                       count(*) FILTER (WHERE exemption IS NOT NULL) AS exempt,
                       count(*) FILTER (WHERE unreachable_at IS NOT NULL AND sent_at IS NULL AND exemption IS NULL) AS unreachable,
                       count(*) FILTER (WHERE sent_at IS NULL AND exemption IS NULL AND deadline < :now) AS overdue
                  FROM informing_notice""")
                .param("now", JdbcTime.param(now))
                .query((rs, n) -> new Counts(rs.getLong("scheduled"), rs.getLong("sent"), rs.getLong("exempt"),
                        rs.getLong("unreachable"), rs.getLong("overdue")))
                .single();
    }

    /** The imports with notices, newest first, with counts per state. */
    List<ImportLine> origins(int limit) {
        return jdbc.sql("""
                SELECT origin, min(obtained_at) AS obtained_at, count(*) AS total,
                       count(*) FILTER (WHERE sent_at IS NULL AND exemption IS NULL) AS scheduled,
                       count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent,
                       count(*) FILTER (WHERE exemption IS NOT NULL) AS exempt
                  FROM informing_notice WHERE origin IS NOT NULL
                 GROUP BY origin ORDER BY min(obtained_at) DESC LIMIT :limit""")
                .param("limit", limit)
                .query((rs, n) -> new ImportLine(rs.getString("origin"), instant(rs, "obtained_at"), rs.getLong("total"),
                        rs.getLong("scheduled"), rs.getLong("sent"), rs.getLong("exempt")))
                .list();
    }

    /** Deletes the notices of these subjects in one statement. */
    int deleteSubjects(java.util.Collection<SubjectId> subjects) {
        return jdbc.sql("DELETE FROM informing_notice WHERE subject_id = ANY(:s)")
                .param("s", subjects.stream().map(SubjectId::value).distinct().toArray(UUID[]::new)).update();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Instant at = JdbcTime.instant(rs, column);
        if (at == null) {
            throw new IllegalStateException(column + " is null");
        }
        return at;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        String exemption = rs.getString("exemption");
        int version = rs.getInt("record_version");
        Integer recordVersion = rs.wasNull() ? null : version;
        return new Row(rs.getObject("id", UUID.class), new SubjectId(rs.getObject("subject_id", UUID.class)),
                Source.valueOf(rs.getString("source")), rs.getString("purpose_key"), rs.getString("origin"),
                rs.getString("language"), instant(rs, "obtained_at"), instant(rs, "send_at"), instant(rs, "deadline"),
                JdbcTime.instant(rs, "sent_at"), rs.getObject("mail_reference", UUID.class), recordVersion,
                JdbcTime.instant(rs, "unreachable_at"), exemption == null ? null : Exemption.valueOf(exemption),
                rs.getBytes("exemption_reason"), rs.getString("exempted_by"), JdbcTime.instant(rs, "exempted_at"),
                rs.getString("text_sha256"));
    }
}
