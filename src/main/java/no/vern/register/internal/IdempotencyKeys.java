package no.vern.register.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/** Idempotency keys of create calls: keyed hashes of the key and of the request, and the subject created. */
@Repository
class IdempotencyKeys {

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A remembered create: the request's hash and the subject it created. */
    record Entry(byte[] requestHash, SubjectId subject) {
    }

    Optional<Entry> find(byte[] keyHash) {
        return jdbc.sql("SELECT request_hash, subject_id FROM register_idempotency WHERE key_hash = :k")
                .param("k", keyHash)
                .query((rs, n) -> new Entry(rs.getBytes("request_hash"), new SubjectId(rs.getObject("subject_id", UUID.class))))
                .optional();
    }

    void remember(byte[] keyHash, byte[] requestHash, SubjectId subject, Instant now) {
        jdbc.sql("""
                INSERT INTO register_idempotency (key_hash, request_hash, subject_id, created_at)
                VALUES (:k, :r, :s, :now)
                """).param("k", keyHash).param("r", requestHash).param("s", subject.value())
                .param("now", JdbcTime.param(now)).update();
    }
}
