package no.vern.communications.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.communications.Exclusion;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/**
 * The outbox ({@code communications_delivery}): one row per campaign × subject, the primary key being
 * the idempotency key. Every state change is a conditional update, so two nodes never both win a row,
 * and a row is sent at most once: {@link #claim} commits "sending" before the SMTP call.
 */
@Component
class Deliveries {

    private final JdbcClient jdbc;

    Deliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A due delivery (ids only). */
    record Due(UUID campaignId, SubjectId subject, int attempts) {
    }

    /** Adds the subjects to the campaign; someone already in it is not added again. Returns how many were added. */
    int enqueue(UUID campaignId, Collection<SubjectId> subjects, Instant now) {
        if (subjects.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                INSERT INTO communications_delivery (campaign_id, subject_id, state, next_try_at, updated_at)
                SELECT :campaign, s, 'PENDING', :now, :now FROM unnest(:subjects) AS s
                ON CONFLICT (campaign_id, subject_id) DO NOTHING""").param("campaign", campaignId)
                .param("subjects", subjects.stream().map(SubjectId::value).toArray(UUID[]::new))
                .param("now", JdbcTime.param(now)).update();
    }

    /** Due deliveries of queued campaigns, oldest campaign first (a read; {@link #claim} decides who sends). */
    List<Due> due(Instant now, int limit) {
        return jdbc.sql("""
                SELECT d.campaign_id, d.subject_id, d.attempts FROM communications_delivery d
                JOIN communications_campaign c ON c.id = d.campaign_id
                WHERE d.state = 'PENDING' AND d.next_try_at <= :now AND c.status = 'QUEUED'
                ORDER BY c.queued_at, d.campaign_id, d.subject_id LIMIT :limit""")
                .param("now", JdbcTime.param(now)).param("limit", limit)
                .query((rs, n) -> new Due(rs.getObject("campaign_id", UUID.class),
                        new SubjectId(rs.getObject("subject_id", UUID.class)), rs.getInt("attempts")))
                .list();
    }

    /** PENDING → SENDING; true only for the one caller that won the row. Commit before sending. */
    boolean claim(UUID campaignId, SubjectId subject, Instant now) {
        return jdbc.sql("""
                UPDATE communications_delivery SET state = 'SENDING', updated_at = :now, attempts = attempts + 1
                WHERE campaign_id = :c AND subject_id = :s AND state = 'PENDING'""").param("c", campaignId)
                .param("s", subject.value()).param("now", JdbcTime.param(now)).update() == 1;
    }

    void markSent(UUID campaignId, SubjectId subject, String language, Instant now) {
        settle(campaignId, subject, "SENT", null, language, now);
    }

    void markSuppressed(UUID campaignId, SubjectId subject, Exclusion reason, Instant now) {
        settle(campaignId, subject, "SUPPRESSED", reason.name(), null, now);
    }

    void markFailed(UUID campaignId, SubjectId subject, String reason, Instant now) {
        settle(campaignId, subject, "FAILED", reason, null, now);
    }

    /** SENDING → PENDING again after a temporary failure, to be tried at {@code next}. */
    void retryAt(UUID campaignId, SubjectId subject, Instant next, Instant now) {
        jdbc.sql("""
                UPDATE communications_delivery SET state = 'PENDING', next_try_at = :next, updated_at = :now
                WHERE campaign_id = :c AND subject_id = :s AND state = 'SENDING'""").param("c", campaignId)
                .param("s", subject.value()).param("next", JdbcTime.param(next)).param("now", JdbcTime.param(now))
                .update();
    }

    private void settle(UUID campaignId, SubjectId subject, String state, @Nullable String reason,
            @Nullable String language, Instant now) {
        jdbc.sql("""
                UPDATE communications_delivery SET state = :state, reason = :reason, language = :lang, updated_at = :now,
                    sent_at = CASE WHEN :state = 'SENT' THEN :now ELSE sent_at END
                WHERE campaign_id = :c AND subject_id = :s AND state = 'SENDING'""").param("state", state)
                .param("reason", reason).param("lang", language).param("now", JdbcTime.param(now))
                .param("c", campaignId).param("s", subject.value()).update();
    }

    /**
     * Deliveries left "sending" longer than the lease: the node crashed between the SMTP call and the
     * record of it. They become UNCERTAIN and are never sent again (no one gets an issue twice).
     */
    int expireLeases(Instant olderThan, Instant now) {
        return jdbc.sql("""
                UPDATE communications_delivery SET state = 'UNCERTAIN', reason = 'interrupted', updated_at = :now
                WHERE state = 'SENDING' AND updated_at < :before""").param("before", JdbcTime.param(olderThan))
                .param("now", JdbcTime.param(now)).update();
    }

    /** Messages sent since the instant, by every node (the throttle's window). */
    long sentSince(Instant since) {
        return jdbc.sql("SELECT count(*) FROM communications_delivery WHERE sent_at >= :since")
                .param("since", JdbcTime.param(since)).query(Long.class).single();
    }

    /** Counts by state and reason for a campaign's report. */
    record Counts(long sent, long pending, long failed, long uncertain, Map<Exclusion, Long> suppressed) {
    }

    Counts counts(UUID campaignId) {
        long[] c = new long[4];
        Map<Exclusion, Long> suppressed = new EnumMap<>(Exclusion.class);
        jdbc.sql("""
                SELECT state, reason, count(*) AS n FROM communications_delivery WHERE campaign_id = :c
                GROUP BY state, reason""").param("c", campaignId).query(rs -> {
                    long n = rs.getLong("n");
                    switch (rs.getString("state")) {
                        case "SENT" -> c[0] += n;
                        case "PENDING", "SENDING" -> c[1] += n;
                        case "FAILED" -> c[2] += n;
                        case "UNCERTAIN" -> c[3] += n;
                        default -> suppressed.merge(Exclusion.valueOf(rs.getString("reason")), n, Long::sum);
                    }
                });
        return new Counts(c[0], c[1], c[2], c[3], suppressed);
    }

    /** Messages sent per day (Europe/Oslo) since the instant. */
    Map<java.time.LocalDate, Long> sentPerDay(Instant since) {
        Map<java.time.LocalDate, Long> result = new java.util.TreeMap<>();
        jdbc.sql("""
                SELECT (sent_at AT TIME ZONE 'Europe/Oslo')::date AS day, count(*) AS n FROM communications_delivery
                WHERE sent_at >= :since GROUP BY 1""").param("since", JdbcTime.param(since))
                .query(rs -> {
                    result.put(rs.getObject("day", java.time.LocalDate.class), rs.getLong("n"));
                });
        return result;
    }
}
