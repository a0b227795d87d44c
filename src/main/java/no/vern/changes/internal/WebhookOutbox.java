package no.vern.changes.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.changes.ChangeEvent;
import no.vern.changes.ChangeType;
import no.vern.changes.Webhooks;
import no.vern.shared.JdbcTime;

/**
 * The webhook outbox: one row per event and matching active subscription, written in the event's own transaction
 * (so a change, its event and its deliveries commit together: a crash after the commit loses none), claimed in
 * order per subject and subscription, and the outcome of every attempt.
 *
 * <p>Order: deliveries are taken in the feed's order (transaction id, position), only of transactions older than
 * every running one, and a delivery is taken only when no earlier delivery of the same subject (of events without a
 * subject: of the same type) to the same subscription is still pending or dead. A later event therefore waits until
 * the earlier one is delivered, by its retries or by a replay of the dead letter, or until the dead letter is
 * discarded by hand: a receiver never gets a subject's events out of order.
 */
@Component
class WebhookOutbox {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WebhookProperties properties;

    WebhookOutbox(JdbcClient jdbc, Clock clock, WebhookProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** A claimed delivery with what it takes to send it. */
    record Claimed(UUID id, UUID subscriptionId, String url, int attempts, int giveUpAfter, ChangeEvent event) {
    }

    /** Queues the events for every active subscription of their type; in the caller's (the events') transaction. */
    void fanOut(List<UUID> eventIds) {
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO changes_webhook_delivery (id, subscription_id, event_id, position, order_key, status,
                                                      give_up_after, next_attempt_at, created_at)
                SELECT gen_random_uuid(), s.id, e.id, e.position, coalesce(e.subject_id::text, e.type), 'PENDING',
                       :max, :now, :now
                  FROM changes_event e JOIN changes_webhook_subscription s ON s.active AND e.type = ANY(s.types)
                 WHERE e.id = ANY(:events)""").param("max", properties.maxAttempts()).param("now", JdbcTime.param(now))
                .param("events", eventIds.toArray(UUID[]::new)).update();
    }

    /**
     * Reserves up to {@code limit} due deliveries for {@link WebhookProperties#lease()}: the first pending one of each
     * subject and subscription, of committed transactions only; none two of the same subject and subscription.
     */
    List<Claimed> claim(int limit) {
        Instant now = clock.instant();
        List<UUID> ids = jdbc.sql("""
                UPDATE changes_webhook_delivery SET leased_until = :until
                 WHERE id IN (
                    SELECT d.id FROM changes_webhook_delivery d
                      JOIN changes_webhook_subscription s ON s.id = d.subscription_id AND s.active
                     WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
                       AND (d.leased_until IS NULL OR d.leased_until <= :now)
                       AND d.tx < pg_snapshot_xmin(pg_current_snapshot())
                       AND NOT EXISTS (SELECT 1 FROM changes_webhook_delivery p
                                        WHERE p.subscription_id = d.subscription_id AND p.order_key = d.order_key
                                          AND p.status IN ('PENDING', 'DEAD')
                                          AND (p.tx, p.position) < (d.tx, d.position))
                     ORDER BY d.tx, d.position
                     LIMIT :limit
                       FOR UPDATE OF d SKIP LOCKED)
                RETURNING id""").param("until", JdbcTime.param(now.plus(properties.lease())))
                .param("now", JdbcTime.param(now)).param("limit", limit)
                .query((rs, n) -> rs.getObject(1, UUID.class)).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT d.id AS delivery_id, d.subscription_id, s.url, d.attempts, d.give_up_after,
                       e.id, e.type, e.subject_id, e.purposes, e.refs, e.occurred_at
                  FROM changes_webhook_delivery d
                  JOIN changes_webhook_subscription s ON s.id = d.subscription_id
                  JOIN changes_event e ON e.id = d.event_id
                 WHERE d.id = ANY(:ids)
                 ORDER BY d.tx, d.position""").param("ids", ids.toArray(UUID[]::new))
                .query((rs, n) -> new Claimed(rs.getObject("delivery_id", UUID.class),
                        rs.getObject("subscription_id", UUID.class), rs.getString("url"), rs.getInt("attempts"),
                        rs.getInt("give_up_after"), JdbcChangeFeed.event(rs)))
                .list();
    }

    /**
     * Records an attempt of a claimed delivery: delivered on a 2xx; otherwise retried after {@code retryAfter}, or
     * a dead letter when it was the last attempt. Returns the delivery's new status.
     */
    Webhooks.Status record(Claimed claimed, Instant at, @Nullable Integer statusCode, long latencyMillis,
            @Nullable String error, Instant retryAt) {
        int attempt = claimed.attempts() + 1;
        boolean delivered = error == null && statusCode != null && statusCode / 100 == 2;
        Webhooks.Status status = delivered ? Webhooks.Status.DELIVERED
                : attempt >= claimed.giveUpAfter() ? Webhooks.Status.DEAD : Webhooks.Status.PENDING;
        jdbc.sql("""
                INSERT INTO changes_webhook_attempt (delivery_id, attempt, attempted_at, status_code, latency_ms, error)
                VALUES (:id, :attempt, :at, :code, :latency, :error)
                ON CONFLICT (delivery_id, attempt) DO NOTHING""").param("id", claimed.id()).param("attempt", attempt)
                .param("at", JdbcTime.param(at)).param("code", statusCode).param("latency", latencyMillis)
                .param("error", error).update();
        jdbc.sql("""
                UPDATE changes_webhook_delivery
                   SET attempts = :attempt, status = :status, leased_until = NULL, next_attempt_at = :next,
                       delivered_at = CASE WHEN :status = 'DELIVERED' THEN :at END,
                       dead_at = CASE WHEN :status = 'DEAD' THEN :at END
                 WHERE id = :id AND status = 'PENDING'""").param("attempt", attempt).param("status", status.name())
                .param("next", JdbcTime.param(status == Webhooks.Status.PENDING ? retryAt : at))
                .param("at", JdbcTime.param(at)).param("id", claimed.id()).update();
        return status;
    }

    /** Queues a dead letter again with a fresh set of attempts; false if it is not a dead letter. */
    boolean replay(UUID deliveryId) {
        Instant now = clock.instant();
        return jdbc.sql("""
                UPDATE changes_webhook_delivery
                   SET status = 'PENDING', give_up_after = attempts + :max, next_attempt_at = :now, dead_at = NULL,
                       leased_until = NULL
                 WHERE id = :id AND status = 'DEAD'""").param("max", properties.maxAttempts())
                .param("now", JdbcTime.param(now)).param("id", deliveryId).update() == 1;
    }

    /** Gives a dead letter up: the deliveries waiting behind it go on; false if it is not a dead letter. */
    boolean discard(UUID deliveryId) {
        return jdbc.sql("UPDATE changes_webhook_delivery SET status = 'DISCARDED' WHERE id = :id AND status = 'DEAD'")
                .param("id", deliveryId).update() == 1;
    }

    /** Deliveries, newest first, of one subscription (or every one) and status (or any), with their attempts. */
    List<Webhooks.Delivery> deliveries(@Nullable UUID subscriptionId, Webhooks.@Nullable Status status, int limit) {
        List<Webhooks.Delivery> rows = jdbc.sql("""
                SELECT d.id, d.subscription_id, d.event_id, e.type, d.status, d.attempts, d.next_attempt_at,
                       d.created_at, d.delivered_at,
                       CASE WHEN d.status = 'DEAD' THEN
                            (SELECT count(*) FROM changes_webhook_delivery w
                              WHERE w.subscription_id = d.subscription_id AND w.order_key = d.order_key
                                AND w.status = 'PENDING' AND (w.tx, w.position) > (d.tx, d.position))
                            ELSE 0 END AS waiting_behind
                  FROM changes_webhook_delivery d JOIN changes_event e ON e.id = d.event_id
                 WHERE (CAST(:subscription AS uuid) IS NULL OR d.subscription_id = :subscription)
                   AND (CAST(:status AS text) IS NULL OR d.status = :status)
                 ORDER BY coalesce(d.dead_at, d.delivered_at, d.created_at) DESC, d.position DESC
                 LIMIT :limit""").param("subscription", subscriptionId)
                .param("status", status == null ? null : status.name()).param("limit", Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> delivery(rs, List.of())).list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, List<Webhooks.Attempt>> attempts = jdbc.sql("""
                SELECT delivery_id, attempt, attempted_at, status_code, latency_ms, error FROM changes_webhook_attempt
                 WHERE delivery_id = ANY(:ids) ORDER BY attempt DESC""")
                .param("ids", rows.stream().map(Webhooks.Delivery::id).toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(rs.getObject("delivery_id", UUID.class), attempt(rs))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return rows.stream().map(d -> new Webhooks.Delivery(d.id(), d.subscriptionId(), d.eventId(), d.type(), d.status(),
                d.attempts(), d.nextAttemptAt(), d.createdAt(), d.deliveredAt(), d.waitingBehind(),
                attempts.getOrDefault(d.id(), List.of())))
                .toList();
    }

    /** The subscription of a delivery, if the delivery exists. */
    @Nullable UUID subscriptionOf(UUID deliveryId) {
        return jdbc.sql("SELECT subscription_id FROM changes_webhook_delivery WHERE id = :id").param("id", deliveryId)
                .query((rs, n) -> rs.getObject(1, UUID.class)).optional().orElse(null);
    }

    private static Webhooks.Delivery delivery(ResultSet rs, List<Webhooks.Attempt> log) throws SQLException {
        Webhooks.Status status = Webhooks.Status.valueOf(rs.getString("status"));
        return new Webhooks.Delivery(rs.getObject("id", UUID.class), rs.getObject("subscription_id", UUID.class),
                rs.getObject("event_id", UUID.class), ChangeType.valueOf(rs.getString("type")).type(), status, rs.getInt("attempts"),
                status == Webhooks.Status.PENDING ? JdbcTime.instant(rs, "next_attempt_at") : null,
                JdbcTime.required(rs, "created_at"), JdbcTime.instant(rs, "delivered_at"), rs.getInt("waiting_behind"), log);
    }

    private static Webhooks.Attempt attempt(ResultSet rs) throws SQLException {
        int code = rs.getInt("status_code");
        Integer statusCode = rs.wasNull() ? null : code;
        return new Webhooks.Attempt(rs.getInt("attempt"), JdbcTime.required(rs, "attempted_at"), statusCode,
                rs.getLong("latency_ms"), rs.getString("error"));
    }
}
