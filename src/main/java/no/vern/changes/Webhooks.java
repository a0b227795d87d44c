package no.vern.changes;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Webhook subscriptions to the change events (issue 25 item 3): each event is queued for every active subscription
 * of its type in the transaction that makes the change, and delivered signed per Standard Webhooks, at least once,
 * in order per subject, with retries and exponential backoff, and a dead letter after the last attempt, which can be
 * replayed. Secrets are shown once, when created or rotated; Vern keeps them sealed.
 */
public interface Webhooks {

    /** The longest overlap a rotation may give the old secret. */
    Duration MAX_OVERLAP = Duration.ofDays(7);

    /** Every subscription, newest first. */
    List<Subscription> subscriptions();

    /** One subscription, or NotFound. */
    Subscription subscription(UUID id);

    /** Creates an active subscription with a new secret; InvalidInput for a URL the SSRF guard refuses or no types. */
    Issued create(URI url, Set<ChangeType> types);

    /** Changes URL, types and whether it is active (paused: new events are not queued for it and queued ones wait). */
    Subscription update(UUID id, URI url, Set<ChangeType> types, boolean active);

    /** Deletes a subscription with its secrets, queue and log. */
    void delete(UUID id);

    /**
     * A new secret; the current one keeps signing beside it for {@code overlap} (0 to {@link #MAX_OVERLAP}), so the
     * receiver can switch without losing a delivery.
     */
    Issued rotate(UUID id, Duration overlap);

    /** Sends a signed {@code no.vern.webhook.test} event now, outside the queue, and tells what came back. */
    TestResult testSend(UUID id);

    /** The subscription's deliveries, newest first, with their attempts; only of {@code status} when given. */
    List<Delivery> deliveries(UUID subscriptionId, @Nullable Status status, int limit);

    /** Dead letters of every subscription, newest first. */
    List<Delivery> deadLetters(int limit);

    /**
     * Queues a dead letter again with a fresh set of attempts; Conflict unless it is dead, NotFound if unknown. The
     * later events of its subject, which wait behind it, follow once it is delivered.
     */
    Delivery replay(UUID deliveryId);

    /**
     * Gives a dead letter up for good, so that the later events of its subject that wait behind it are delivered: the
     * receiver never gets this event. Conflict unless it is dead, NotFound if unknown; audited.
     */
    Delivery discard(UUID deliveryId);

    /** Where a delivery stands. */
    enum Status {
        /** Queued or being retried. */
        PENDING,
        /** The receiver answered 2xx. */
        DELIVERED,
        /**
         * Every attempt failed: a dead letter, to be replayed or discarded by hand. Later events of the same subject
         * wait behind it, so a receiver never gets a subject's events out of order.
         */
        DEAD,
        /** A dead letter given up by hand: never delivered; the events behind it went on. */
        DISCARDED
    }

    /**
     * A subscription.
     *
     * @param id its id
     * @param url where events are posted
     * @param types the event types it receives
     * @param active false while paused
     * @param createdAt when it was created
     * @param secrets its signing secrets (never their values): the current one and those still in their overlap
     */
    record Subscription(UUID id, URI url, Set<ChangeType> types, boolean active, Instant createdAt, List<Secret> secrets) {
        public Subscription {
            types = Set.copyOf(types);
            secrets = List.copyOf(secrets);
        }
    }

    /**
     * A signing secret, without its value.
     *
     * @param id its id
     * @param createdAt when it was made
     * @param retiresAt when it stops signing (null: the current secret)
     */
    record Secret(UUID id, Instant createdAt, @Nullable Instant retiresAt) {
    }

    /**
     * A subscription with a secret just made, the only time the secret is shown.
     *
     * @param subscription the subscription
     * @param secret {@code whsec_<base64>}, for the receiver's verification
     */
    record Issued(Subscription subscription, String secret) {
        @Override
        public String toString() {
            return "Issued[" + subscription.id() + ", whsec_***]";
        }
    }

    /**
     * One event's delivery to one subscription.
     *
     * @param id its id
     * @param subscriptionId the subscription
     * @param eventId the event (the {@code webhook-id} header)
     * @param type the event's CloudEvents type
     * @param status where it stands
     * @param attempts attempts made
     * @param nextAttemptAt when it is tried next (pending only)
     * @param createdAt when it was queued
     * @param deliveredAt when the receiver accepted it
     * @param waitingBehind of a dead letter: how many later deliveries of its subject to the same subscription wait
     *        behind it (0 otherwise)
     * @param log the attempts, latest first
     */
    record Delivery(UUID id, UUID subscriptionId, UUID eventId, String type, Status status, int attempts,
            @Nullable Instant nextAttemptAt, Instant createdAt, @Nullable Instant deliveredAt, int waitingBehind,
            List<Attempt> log) {
        public Delivery {
            log = List.copyOf(log);
        }
    }

    /**
     * One attempt: what came back, never the response's body.
     *
     * @param number the attempt's number (1 first)
     * @param at when it was made
     * @param statusCode the HTTP status, null when no answer came
     * @param latencyMillis from connect to the answer or the failure
     * @param error the failure's class (e.g. {@code timeout}, {@code http-503}), null when delivered
     */
    record Attempt(int number, Instant at, @Nullable Integer statusCode, long latencyMillis, @Nullable String error) {
    }

    /**
     * What a test send got back.
     *
     * @param delivered whether the receiver answered 2xx
     * @param statusCode the HTTP status, null when no answer came
     * @param latencyMillis how long it took
     * @param error the failure's class, null when delivered
     */
    record TestResult(boolean delivered, @Nullable Integer statusCode, long latencyMillis, @Nullable String error) {
    }
}
