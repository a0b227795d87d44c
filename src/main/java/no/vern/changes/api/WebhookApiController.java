package no.vern.changes.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.changes.ChangeType;
import no.vern.changes.Webhooks;
import no.vern.shared.InvalidInput;

/**
 * Webhook subscriptions over REST: register a URL for event types (the signing secret is in the answer, once),
 * rotate the secret with an overlap, pause, test-send, read the delivery log and replay dead letters.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Change events pushed to other systems, signed per Standard Webhooks, ordered per "
        + "subject, retried with backoff; dead letters replayable")
@SecurityRequirement(name = "bearer")
class WebhookApiController {

    private static final String READ = "hasAuthority('SCOPE_webhooks:read')";
    private static final String WRITE = "hasAuthority('SCOPE_webhooks:write')";
    private static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

    private final Webhooks webhooks;

    WebhookApiController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** A new subscription: the URL and the CloudEvents types it receives. */
    record SubscriptionRequest(@Nullable String url, @Nullable List<String> types, @Nullable Boolean active) {
    }

    /** A rotation: how long the current secret keeps signing beside the new one (ISO 8601, default PT24H). */
    record RotateRequest(@Nullable String overlap) {
    }

    /** A subscription as the API shows it: never a secret's value. */
    record SubscriptionView(UUID id, String url, List<String> types, boolean active, Instant createdAt,
            List<Webhooks.Secret> secrets) {
        static SubscriptionView of(Webhooks.Subscription s) {
            return new SubscriptionView(s.id(), s.url().toString(),
                    s.types().stream().sorted().map(ChangeType::type).toList(), s.active(), s.createdAt(), s.secrets());
        }
    }

    /** A subscription with the secret just made: the only answer that carries it. */
    record IssuedView(SubscriptionView subscription, String secret) {
        static IssuedView of(Webhooks.Issued issued) {
            return new IssuedView(SubscriptionView.of(issued.subscription()), issued.secret());
        }
    }

    @GetMapping("/subscriptions")
    @PreAuthorize(READ)
    @Operation(operationId = "listWebhookSubscriptions", summary = "Webhook subscriptions, newest first")
    List<SubscriptionView> list() {
        return webhooks.subscriptions().stream().map(SubscriptionView::of).toList();
    }

    @PostMapping("/subscriptions")
    @PreAuthorize(WRITE)
    @Operation(operationId = "createWebhookSubscription", summary = "Subscribe a URL to event types",
            description = "The answer carries the signing secret (`whsec_…`) once; Vern never shows it again. The URL "
                    + "must pass the SSRF guard (no loopback or private addresses unless the server allows them).")
    ResponseEntity<IssuedView> create(@RequestBody SubscriptionRequest request) {
        Webhooks.Issued issued = webhooks.create(url(request.url()), types(request.types()));
        return ResponseEntity.created(URI.create("/api/v1/webhooks/subscriptions/" + issued.subscription().id()))
                .body(IssuedView.of(issued));
    }

    @GetMapping("/subscriptions/{id}")
    @PreAuthorize(READ)
    @Operation(operationId = "getWebhookSubscription", summary = "One webhook subscription")
    SubscriptionView get(@PathVariable UUID id) {
        return SubscriptionView.of(webhooks.subscription(id));
    }

    @PutMapping("/subscriptions/{id}")
    @PreAuthorize(WRITE)
    @Operation(operationId = "updateWebhookSubscription", summary = "Change URL, types, or pause (active=false)",
            description = "While paused, new events are not queued for the subscription (read them from the pull feed); "
                    + "deliveries queued before wait until it is active again.")
    SubscriptionView update(@PathVariable UUID id, @RequestBody SubscriptionRequest request) {
        boolean active = request.active() == null || request.active();
        return SubscriptionView.of(webhooks.update(id, url(request.url()), types(request.types()), active));
    }

    @DeleteMapping("/subscriptions/{id}")
    @PreAuthorize(WRITE)
    @Operation(operationId = "deleteWebhookSubscription", summary = "Delete a subscription with its queue and log")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        webhooks.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/subscriptions/{id}/rotate")
    @PreAuthorize(WRITE)
    @Operation(operationId = "rotateWebhookSecret", summary = "A new signing secret; the old one signs beside it for the overlap",
            description = "During the overlap (`overlap`, ISO 8601, default PT24H, at most P7D) `webhook-signature` carries "
                    + "one `v1,` signature per secret. The answer carries the new secret once.")
    IssuedView rotate(@PathVariable UUID id, @RequestBody(required = false) @Nullable RotateRequest request) {
        Duration overlap = DEFAULT_OVERLAP;
        if (request != null && request.overlap() != null) {
            try {
                overlap = Duration.parse(request.overlap());
            } catch (DateTimeParseException e) {
                throw new InvalidInput("overlap", "must be an ISO 8601 duration such as PT24H", "changes.error.duration");
            }
        }
        return IssuedView.of(webhooks.rotate(id, overlap));
    }

    @PostMapping("/subscriptions/{id}/test")
    @PreAuthorize(WRITE)
    @Operation(operationId = "testWebhookSubscription", summary = "Send a signed no.vern.webhook.test event now",
            description = "Outside the queue; the answer tells the status code, latency and error class.")
    Webhooks.TestResult test(@PathVariable UUID id) {
        return webhooks.testSend(id);
    }

    @GetMapping("/subscriptions/{id}/deliveries")
    @PreAuthorize(READ)
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log of a subscription, newest first",
            description = "Each delivery with its attempts: status code, latency and error class, never the answer's body. "
                    + "`status` is PENDING, DELIVERED or DEAD; `limit` 1–500 (default 100).")
    List<Webhooks.Delivery> deliveries(@PathVariable UUID id, @RequestParam(required = false) Webhooks.@Nullable Status status,
            @RequestParam(defaultValue = "100") int limit) {
        return webhooks.deliveries(id, status, limit(limit));
    }

    @GetMapping("/dead-letters")
    @PreAuthorize(READ)
    @Operation(operationId = "listWebhookDeadLetters", summary = "Dead letters of every subscription, newest first")
    List<Webhooks.Delivery> deadLetters(@RequestParam(defaultValue = "100") int limit) {
        return webhooks.deadLetters(limit(limit));
    }

    @PostMapping("/deliveries/{id}/replay")
    @PreAuthorize(WRITE)
    @Operation(operationId = "replayWebhookDelivery", summary = "Queue a dead letter again with a fresh set of attempts",
            description = "The replayed event keeps its id. Later events of the same subject wait behind a dead letter "
                    + "(`waitingBehind`), so they follow it in order once it is delivered. 409 unless the delivery is a "
                    + "dead letter.")
    Webhooks.Delivery replay(@PathVariable UUID id) {
        return webhooks.replay(id);
    }

    @PostMapping("/deliveries/{id}/discard")
    @PreAuthorize(WRITE)
    @Operation(operationId = "discardWebhookDelivery", summary = "Give a dead letter up so the events behind it go on",
            description = "The receiver never gets this event; the later events of its subject that waited behind it "
                    + "are delivered next. Audited. 409 unless the delivery is a dead letter.")
    Webhooks.Delivery discard(@PathVariable UUID id) {
        return webhooks.discard(id);
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInput("limit", "must be between 1 and 500", "error.field.range", "1", "500");
        }
        return limit;
    }

    static URI url(@Nullable String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput("url", "is required", "error.field.required");
        }
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new InvalidInput("url", "is not a URL", "error.field.url");
        }
    }

    static Set<ChangeType> types(@Nullable List<String> names) {
        Set<ChangeType> types = EnumSet.noneOf(ChangeType.class);
        if (names != null) {
            for (String name : names) {
                types.add(ChangeType.ofType(name.strip()).orElseThrow(() -> new InvalidInput("types", "lists a type Vern does not send; see the change feed's types", "changes.error.unknownType")));
            }
        }
        return types;
    }
}
