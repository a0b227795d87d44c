package no.vern.requests.internal;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.requests.RequestId;
import no.vern.shared.JdbcTime;

/** One-time codes (only keyed hashes) and the download windows of access exports. */
@Repository
class Codes {

    private final JdbcClient jdbc;

    Codes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Code(byte[] hash, Instant expiresAt, int attempts, boolean used) {
    }

    /** Replaces the case's code (a new code invalidates the old one). */
    void put(RequestId id, byte[] hash, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO requests_code (case_id, code_hash, expires_at) VALUES (:id, :hash, :expires)
                ON CONFLICT (case_id) DO UPDATE SET code_hash = :hash, expires_at = :expires, attempts = 0, used_at = NULL""")
                .param("id", id.value()).param("hash", hash).param("expires", JdbcTime.param(expiresAt)).update();
    }

    /** The code row, locked against concurrent checks. */
    Optional<Code> lock(RequestId id) {
        return jdbc.sql("SELECT code_hash, expires_at, attempts, used_at FROM requests_code WHERE case_id = :id FOR UPDATE")
                .param("id", id.value())
                .query((rs, n) -> new Code(rs.getBytes("code_hash"), JdbcTime.required(rs, "expires_at"),
                        rs.getInt("attempts"), rs.getObject("used_at") != null))
                .optional();
    }

    void attempted(RequestId id) {
        jdbc.sql("UPDATE requests_code SET attempts = attempts + 1 WHERE case_id = :id").param("id", id.value()).update();
    }

    void used(RequestId id, Instant now) {
        jdbc.sql("UPDATE requests_code SET used_at = :now WHERE case_id = :id").param("id", id.value())
                .param("now", JdbcTime.param(now)).update();
    }

    /** Opens the download window of a case's export. */
    void deliver(RequestId id, Instant readyAt, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO requests_delivery (case_id, ready_at, expires_at) VALUES (:id, :ready, :expires)
                ON CONFLICT (case_id) DO UPDATE SET ready_at = :ready, expires_at = :expires""")
                .param("id", id.value()).param("ready", JdbcTime.param(readyAt))
                .param("expires", JdbcTime.param(expiresAt)).update();
    }

    /** Until when the export may be downloaded, if it is delivered. */
    Optional<Instant> deliveryExpires(RequestId id) {
        return jdbc.sql("SELECT expires_at FROM requests_delivery WHERE case_id = :id").param("id", id.value())
                .query((rs, n) -> JdbcTime.required(rs, "expires_at")).optional();
    }
}
