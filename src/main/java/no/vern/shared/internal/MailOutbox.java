package no.vern.shared.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.shared.JdbcTime;

/**
 * The rows of {@code shared_mail_outbox}. Every state change is a conditional update, so of two callers
 * (the after-commit send, the job, another node) exactly one wins a message; settling a message erases
 * its content in the same statement.
 */
final class MailOutbox {

    /** A message won by {@link #claim}: its sealed content and how many tries it has had (this one included). */
    record Claimed(UUID id, byte[] content, int attempts) {
        @Override
        public String toString() {
            return "Claimed[id=" + id + ", attempts=" + attempts + "]";
        }
    }

    private final JdbcClient jdbc;

    MailOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a message to be sent, due now (in the caller's transaction). */
    void insert(UUID id, byte[] content, Instant now) {
        jdbc.sql("""
                INSERT INTO shared_mail_outbox (id, state, content, created_at, next_try_at, updated_at)
                VALUES (:id, 'PENDING', :content, :now, :now, :now)""").param("id", id).param("content", content)
                .param("now", JdbcTime.param(now)).update();
    }

    /** Removes a message that was never to be sent (a decoy, in the caller's transaction). */
    void discard(UUID id) {
        jdbc.sql("DELETE FROM shared_mail_outbox WHERE id = :id AND state = 'PENDING'").param("id", id).update();
    }

    /** Ids of messages due for a try, oldest first (a read; {@link #claim} decides who sends). */
    List<UUID> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM shared_mail_outbox WHERE state = 'PENDING' AND next_try_at <= :now
                ORDER BY next_try_at, id LIMIT :limit""").param("now", JdbcTime.param(now)).param("limit", limit)
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    /** PENDING → SENDING for the one caller that wins the row; commit before the SMTP call. */
    Optional<Claimed> claim(UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE shared_mail_outbox SET state = 'SENDING', attempts = attempts + 1, updated_at = :now
                WHERE id = :id AND state = 'PENDING' RETURNING id, content, attempts""").param("id", id)
                .param("now", JdbcTime.param(now))
                .query((rs, n) -> new Claimed(rs.getObject("id", UUID.class), rs.getBytes("content"), rs.getInt("attempts")))
                .optional();
    }

    void markSent(UUID id, Instant now) {
        settle(id, "SENT", null, now);
    }

    void markFailed(UUID id, String reason, Instant now) {
        settle(id, "FAILED", reason, now);
    }

    /** SENDING → PENDING again after a temporary failure, to be tried at {@code next}. */
    void retryAt(UUID id, Instant next, Instant now) {
        jdbc.sql("""
                UPDATE shared_mail_outbox SET state = 'PENDING', next_try_at = :next, updated_at = :now
                WHERE id = :id AND state = 'SENDING'""").param("id", id).param("next", JdbcTime.param(next))
                .param("now", JdbcTime.param(now)).update();
    }

    private void settle(UUID id, String state, @Nullable String reason, Instant now) {
        jdbc.sql("""
                UPDATE shared_mail_outbox SET state = :state, reason = :reason, content = NULL, updated_at = :now
                WHERE id = :id AND state = 'SENDING'""").param("state", state).param("reason", reason)
                .param("now", JdbcTime.param(now)).param("id", id).update();
    }

    /**
     * Messages left "sending" since before {@code olderThan}: the node died between claiming and recording.
     * They become UNCERTAIN (content erased) and are never sent again. Returns their ids.
     */
    List<UUID> expireLeases(Instant olderThan, Instant now) {
        return jdbc.sql("""
                UPDATE shared_mail_outbox SET state = 'UNCERTAIN', reason = 'interrupted', content = NULL, updated_at = :now
                WHERE state = 'SENDING' AND updated_at < :before RETURNING id""")
                .param("before", JdbcTime.param(olderThan)).param("now", JdbcTime.param(now)).query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }

    /** Forgets settled messages (ids and times only) last changed before the instant. */
    int forgetSettled(Instant before) {
        return jdbc.sql("""
                DELETE FROM shared_mail_outbox WHERE state IN ('SENT', 'FAILED', 'UNCERTAIN') AND updated_at < :before""")
                .param("before", JdbcTime.param(before)).update();
    }
}
