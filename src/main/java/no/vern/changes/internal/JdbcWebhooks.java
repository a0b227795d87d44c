package no.vern.changes.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.changes.ChangeEvent;
import no.vern.changes.ChangeType;
import no.vern.changes.Webhooks;
import no.vern.shared.AddressGuard;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.JdbcTime;
import no.vern.shared.NotFound;

/**
 * The webhook subscriptions: URLs checked by the shared SSRF guard when registered (and again on every delivery),
 * secrets made and rotated by {@link WebhookSecrets}, deliveries read from and replayed through the outbox. Every
 * change is audited with the subscription's opaque id only (never its URL or secret).
 */
class JdbcWebhooks implements Webhooks {

    /** The CloudEvents type of a test send. */
    static final String TEST_TYPE = "no.vern.webhook.test";
    private static final int MAX_URL = 2000;

    private final JdbcClient jdbc;
    private final WebhookSecrets secrets;
    private final WebhookOutbox outbox;
    private final WebhookDeliverer deliverer;
    private final AddressGuard guard;
    private final AddressGuard.Allowances allowances;
    private final AuditLog audit;
    private final Clock clock;

    JdbcWebhooks(JdbcClient jdbc, WebhookSecrets secrets, WebhookOutbox outbox, WebhookDeliverer deliverer,
            WebhookTargets targets, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.outbox = outbox;
        this.deliverer = deliverer;
        this.guard = targets.guard();
        this.allowances = targets.allowances();
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Subscription> subscriptions() {
        return jdbc.sql("SELECT id, url, types, active, created_at FROM changes_webhook_subscription ORDER BY created_at DESC, id")
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("url"),
                        (String[]) rs.getArray("types").getArray(), rs.getBoolean("active"), JdbcTime.required(rs, "created_at")))
                .list().stream().map(this::subscription).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Subscription subscription(UUID id) {
        return subscription(row(id));
    }

    @Override
    @Transactional
    public Issued create(URI url, Set<ChangeType> types) {
        check(url, types);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO changes_webhook_subscription (id, url, types, active, created_at, updated_at)
                VALUES (:id, :url, :types, true, :now, :now)""").param("id", id).param("url", url.toString())
                .param("types", names(types)).param("now", JdbcTime.param(now)).update();
        String secret = secrets.issue(id, Duration.ZERO);
        audit.record(AuditEvent.of("changes.webhook.subscription.created", Outcome.SUCCESS).withTargets("webhook:" + id));
        return new Issued(subscription(id), secret);
    }

    @Override
    @Transactional
    public Subscription update(UUID id, URI url, Set<ChangeType> types, boolean active) {
        check(url, types);
        Row before = row(id);
        jdbc.sql("""
                UPDATE changes_webhook_subscription SET url = :url, types = :types, active = :active, updated_at = :now
                 WHERE id = :id""").param("url", url.toString()).param("types", names(types)).param("active", active)
                .param("now", JdbcTime.param(clock.instant())).param("id", id).update();
        String action = before.active() == active ? "changed" : active ? "resumed" : "paused";
        audit.record(AuditEvent.of("changes.webhook.subscription." + action, Outcome.SUCCESS).withTargets("webhook:" + id));
        return subscription(id);
    }

    @Override
    @Transactional
    public void delete(UUID id) {
        row(id);
        jdbc.sql("DELETE FROM changes_webhook_subscription WHERE id = :id").param("id", id).update();
        audit.record(AuditEvent.of("changes.webhook.subscription.deleted", Outcome.SUCCESS).withTargets("webhook:" + id));
    }

    @Override
    @Transactional
    public Issued rotate(UUID id, Duration overlap) {
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw new InvalidInput("overlap", "must be between 0 and " + MAX_OVERLAP.toDays() + " days", "error.field.daysBetween",
                    "0", String.valueOf(MAX_OVERLAP.toDays()));
        }
        row(id);
        String secret = secrets.issue(id, overlap);
        audit.record(AuditEvent.of("changes.webhook.secret.rotated", Outcome.SUCCESS).withTargets("webhook:" + id));
        return new Issued(subscription(id), secret);
    }

    @Override
    public TestResult testSend(UUID id) {
        Row row = row(id);
        ChangeEvent ping = new ChangeEvent(ChangeEvent.SPEC_VERSION, UUID.randomUUID(), "/vern", TEST_TYPE, null,
                clock.instant(), "application/json", new ChangeEvent.Data(null, List.of(), Map.of("subscription", id.toString())));
        WebhookDeliverer.Sent sent = deliverer.post(URI.create(row.url()), ping, secrets.signingKeys(id));
        audit.record(AuditEvent.of("changes.webhook.test-sent", sent.delivered() ? Outcome.SUCCESS : Outcome.FAILURE)
                .withTargets("webhook:" + id));
        return new TestResult(sent.delivered(), sent.statusCode(), sent.latencyMillis(), sent.error());
    }

    @Override
    @Transactional(readOnly = true)
    public List<Delivery> deliveries(UUID subscriptionId, @Nullable Status status, int limit) {
        row(subscriptionId);
        return outbox.deliveries(subscriptionId, status, limit);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Delivery> deadLetters(int limit) {
        return outbox.deliveries(null, Status.DEAD, limit);
    }

    @Override
    @Transactional
    public Delivery replay(UUID deliveryId) {
        return onDeadLetter(deliveryId, outbox::replay, "changes.webhook.delivery.replayed", "replayed");
    }

    @Override
    @Transactional
    public Delivery discard(UUID deliveryId) {
        return onDeadLetter(deliveryId, outbox::discard, "changes.webhook.delivery.discarded", "discarded");
    }

    /** Replays or gives up a dead letter: NotFound if unknown, Conflict unless it is dead; audited by its ids. */
    private Delivery onDeadLetter(UUID deliveryId, Predicate<UUID> change, String auditAction, String verb) {
        UUID subscription = outbox.subscriptionOf(deliveryId);
        if (subscription == null) {
            throw new NotFound("delivery", deliveryId);
        }
        if (!change.test(deliveryId)) {
            throw new Conflict("not-a-dead-letter", "Not a dead letter",
                    "Only a delivery whose attempts have all failed can be " + verb);
        }
        audit.record(AuditEvent.of(auditAction, Outcome.SUCCESS)
                .withTargets("webhook:" + subscription, "delivery:" + deliveryId));
        return outbox.deliveries(subscription, null, 500).stream().filter(d -> d.id().equals(deliveryId)).findFirst()
                .orElseThrow(() -> new NotFound("delivery", deliveryId));
    }

    private record Row(UUID id, String url, String[] types, boolean active, Instant createdAt) {
    }

    private Row row(UUID id) {
        return jdbc.sql("SELECT id, url, types, active, created_at FROM changes_webhook_subscription WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("url"),
                        (String[]) rs.getArray("types").getArray(), rs.getBoolean("active"), JdbcTime.required(rs, "created_at")))
                .optional().orElseThrow(() -> new NotFound("webhook subscription", id));
    }

    private Subscription subscription(Row row) {
        Set<ChangeType> types = Arrays.stream(row.types()).map(ChangeType::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ChangeType.class)));
        return new Subscription(row.id(), URI.create(row.url()), types, row.active(), row.createdAt(), secrets.describe(row.id()));
    }

    private static String[] names(Set<ChangeType> types) {
        return types.stream().sorted().map(Enum::name).toArray(String[]::new);
    }

    /** A URL the delivery could use: http(s), a host, no user info or fragment, an address the SSRF guard allows. */
    private void check(URI url, Set<ChangeType> types) {
        if (types.isEmpty()) {
            throw new InvalidInput("types", "choose at least one event type", "changes.error.types");
        }
        String scheme = url.getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new InvalidInput("url", "must be an http or https URL", "error.field.webAddress");
        }
        if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null
                || url.toString().length() > MAX_URL) {
            throw new InvalidInput("url", "must have a host and no user info or fragment, at most " + MAX_URL + " characters",
                    "changes.error.urlParts", String.valueOf(MAX_URL));
        }
        try {
            guard.checkLiteral(url.getHost(), allowances);
        } catch (AddressGuard.Refused e) {
            throw new InvalidInput("url", "is refused: " + e.getMessage(), "changes.error.urlRefused");
        }
    }
}
