package no.vern.consent.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.consent.PendingItem;
import no.vern.consent.PendingStatus;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/** Pending items in {@code consent_pending}: ids, purpose, times and ciphertexts only. */
@Repository
class PendingStore {

    /** A pending row with its ciphertexts. */
    record Row(PendingItem item, String language, byte @Nullable [] payload, @Nullable String mediaType,
            byte @Nullable [] attachment) {
    }

    private final JdbcClient jdbc;

    PendingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(PendingItem item, String language, byte[] payload, @Nullable String mediaType,
            byte @Nullable [] attachment, String createdBy) {
        jdbc.sql("""
                INSERT INTO consent_pending (id, subject_id, purpose_key, status, language, payload, media_type,
                                             attachment, created_at, created_by, expires_at)
                VALUES (:id, :subject, :purpose, 'PENDING', :language, :payload, :mediaType, :attachment, :at, :by, :expires)
                """).param("id", item.id()).param("subject", item.subject().value()).param("purpose", item.purposeKey())
                .param("language", language).param("payload", payload).param("mediaType", mediaType)
                .param("attachment", attachment).param("at", JdbcTime.param(item.createdAt())).param("by", createdBy)
                .param("expires", JdbcTime.param(item.expiresAt())).update();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("SELECT * FROM consent_pending WHERE id = :id").param("id", id).query(PendingStore::row)
                .optional();
    }

    Optional<Row> lock(UUID id) {
        return jdbc.sql("SELECT * FROM consent_pending WHERE id = :id FOR UPDATE").param("id", id)
                .query(PendingStore::row).optional();
    }

    List<PendingItem> list(Collection<String> purposes) {
        if (purposes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT * FROM consent_pending WHERE purpose_key IN (:purposes) ORDER BY created_at DESC LIMIT 500
                """).param("purposes", purposes).query(PendingStore::row).list().stream().map(Row::item).toList();
    }

    /** Pending items whose time has run out, locked so that nodes never purge the same item twice. */
    List<PendingItem> lockExpired(Instant now, int limit) {
        return jdbc.sql("""
                SELECT * FROM consent_pending WHERE status = 'PENDING' AND expires_at <= :now
                ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED
                """).param("now", JdbcTime.param(now)).param("limit", limit).query(PendingStore::row).list().stream()
                .map(Row::item).toList();
    }

    /** Leaves the pending state: the ciphertexts are deleted with it. */
    void resolve(UUID id, PendingStatus status, Instant at) {
        jdbc.sql("""
                UPDATE consent_pending SET status = :status, resolved_at = :at, payload = NULL, attachment = NULL
                WHERE id = :id AND status = 'PENDING'
                """).param("status", status.name()).param("at", JdbcTime.param(at)).param("id", id).update();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        PendingItem item = new PendingItem(rs.getObject("id", UUID.class),
                new SubjectId(rs.getObject("subject_id", UUID.class)), rs.getString("purpose_key"),
                PendingStatus.valueOf(rs.getString("status")), JdbcTime.required(rs, "created_at"),
                JdbcTime.required(rs, "expires_at"));
        return new Row(item, rs.getString("language"), rs.getBytes("payload"), rs.getString("media_type"),
                rs.getBytes("attachment"));
    }
}
