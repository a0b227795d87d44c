package no.vern.changes.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.changes.ChangeEvent;
import no.vern.changes.Webhooks;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.AddressGuard;
import no.vern.shared.WebhookClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends due webhook deliveries: claims a batch from the outbox (at most one per subject and subscription), posts each
 * signed CloudEvent through the shared SSRF-guarded client side by side, and records every attempt's status code,
 * latency and error class (never the answer's body). A crash between claim and record leaves the delivery pending;
 * its lease runs out and it is sent again (at least once: receivers deduplicate on {@code webhook-id}).
 */
final class WebhookDeliverer implements DisposableBean {

    static final Actor JOB = Actor.system("webhook-delivery");

    private final WebhookOutbox outbox;
    private final WebhookSecrets secrets;
    private final WebhookClient client;
    private final AddressGuard.Allowances allowances;
    private final JsonMapper json;
    private final Clock clock;
    private final Backoff backoff;
    private final Jitter jitter;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final int batchSize;
    private final ExecutorService senders;

    WebhookDeliverer(WebhookOutbox outbox, WebhookSecrets secrets, WebhookTargets targets, JsonMapper json, Clock clock, Jitter jitter, TransactionTemplate tx, AuditLog audit, WebhookProperties properties) {
        this.outbox = outbox;
        this.secrets = secrets;
        this.client = targets.client();
        this.allowances = targets.allowances();
        this.json = json;
        this.clock = clock;
        this.backoff = new Backoff(properties.backoff(), properties.maxBackoff());
        this.jitter = jitter;
        this.tx = tx;
        this.audit = audit;
        this.batchSize = properties.batchSize();
        this.senders = Executors.newFixedThreadPool(properties.threads(), r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
    }

    /** What one run did. */
    record Run(int delivered, int retrying, int dead) {
        int attempts() {
            return delivered + retrying + dead;
        }
    }

    /** Sends everything due now, batch by batch, until nothing is due; returns the counts. */
    Run deliverDue() {
        int delivered = 0;
        int retrying = 0;
        int dead = 0;
        while (true) {
            List<WebhookOutbox.Claimed> batch = tx.execute(s -> outbox.claim(batchSize));
            if (batch == null || batch.isEmpty()) {
                break;
            }
            Map<UUID, List<byte[]>> keys = new HashMap<>();
            for (WebhookOutbox.Claimed c : batch) {
                keys.computeIfAbsent(c.subscriptionId(), secrets::signingKeys);
            }
            List<Future<Webhooks.Status>> sent = new ArrayList<>();
            for (WebhookOutbox.Claimed c : batch) {
                sent.add(senders.submit(() -> send(c, keys.getOrDefault(c.subscriptionId(), List.of()))));
            }
            for (Future<Webhooks.Status> f : sent) {
                switch (outcome(f)) {
                    case DELIVERED -> delivered++;
                    case PENDING -> retrying++;
                    case DEAD -> dead++;
                }
            }
        }
        Run run = new Run(delivered, retrying, dead);
        if (run.attempts() > 0) {
            Actors.runAs(JOB, () -> audit.record(AuditEvent.of("changes.webhook.delivered", Outcome.SUCCESS)
                    .withTargets("delivered:" + run.delivered(), "retrying:" + run.retrying(), "dead:" + run.dead())));
        }
        return run;
    }

    private static Webhooks.Status outcome(Future<Webhooks.Status> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering webhooks", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a webhook delivery could not be recorded", e.getCause());
        }
    }

    private Webhooks.Status send(WebhookOutbox.Claimed c, List<byte[]> keys) {
        Sent result = post(URI.create(c.url()), c.event(), keys);
        Instant now = clock.instant();
        Instant retryAt = now.plus(backoff.after(c.attempts() + 1, jitter.next()));
        Webhooks.Status status = tx.execute(s -> outbox.record(c, result.at(), result.statusCode(), result.latencyMillis(),
                result.error(), retryAt));
        return status == null ? Webhooks.Status.PENDING : status;
    }

    /** What one post got back. */
    record Sent(Instant at, @Nullable Integer statusCode, long latencyMillis, @Nullable String error) {
        boolean delivered() {
            return error == null;
        }
    }

    /** Posts one event signed with every key; never throws for the receiver's failures. */
    Sent post(URI url, ChangeEvent event, List<byte[]> keys) {
        byte[] body = json.writeValueAsBytes(event);
        String id = event.id().toString();
        Instant at = clock.instant();
        long timestamp = at.getEpochSecond();
        Map<String, String> headers = Map.of("webhook-id", id, "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSigner.header(keys, id, timestamp, body));
        long start = System.nanoTime();
        try {
            WebhookClient.Response response = client.post(url, allowances, headers, body);
            long latency = (System.nanoTime() - start) / 1_000_000;
            int code = response.status();
            return new Sent(at, code, latency, code / 100 == 2 ? null : "http-" + code);
        } catch (WebhookClient.CallFailed e) {
            return new Sent(at, null, (System.nanoTime() - start) / 1_000_000, errorClass(e));
        }
    }

    /**
     * The failure's class, one of a fixed set (never an address, a host or a body): {@code timeout}, {@code connection},
     * {@code redirect}, {@code address-refused}, {@code malformed}, {@code too-large} or {@code failed}.
     */
    static String errorClass(WebhookClient.CallFailed e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.equals("timeout")) {
            return "timeout";
        } else if (m.startsWith("connection failed")) {
            return "connection";
        } else if (m.startsWith("redirect refused")) {
            return "redirect";
        } else if (m.startsWith("malformed")) {
            return "malformed";
        } else if (m.startsWith("response too large")) {
            return "too-large";
        } else if (m.contains("refused") || m.contains("resolve") || m.contains("invalid") || m.contains("URL")) {
            return "address-refused";
        }
        return "failed";
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
    }
}
