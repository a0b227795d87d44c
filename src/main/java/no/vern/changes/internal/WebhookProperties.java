package no.vern.changes.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of webhook delivery ({@code vern.webhooks}).
 *
 * @param maxAttempts attempts before a delivery becomes a dead letter (and again after a replay)
 * @param backoff delay after the first failed attempt, doubled per attempt
 * @param maxBackoff the longest delay between attempts (before jitter)
 * @param lease how long a claimed delivery is reserved before another run may take it (a crashed node's claims); longer
 *     than a delivery can take (connect plus read timeout), so that a slow delivery is never claimed and sent again
 *     while it is still under way
 * @param connectTimeout connect timeout of a delivery
 * @param readTimeout read timeout of a delivery
 * @param batchSize deliveries claimed at once
 * @param threads deliveries sent side by side (never two of one subject to one subscription)
 * @param runInBackground whether the scheduler job delivers (tests call the deliverer themselves)
 * @param allowLoopback server setting (never from the API): subscriptions may target loopback addresses
 * @param allowPrivateNetworks server setting (never from the API): subscriptions may target private networks
 */
@ConfigurationProperties("vern.webhooks")
record WebhookProperties(@DefaultValue("12") int maxAttempts, @DefaultValue("30s") Duration backoff,
        @DefaultValue("6h") Duration maxBackoff, @DefaultValue("2m") Duration lease,
        @DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("100") int batchSize, @DefaultValue("4") int threads, @DefaultValue("true") boolean runInBackground,
        @DefaultValue("false") boolean allowLoopback, @DefaultValue("false") boolean allowPrivateNetworks) {

    WebhookProperties {
        if (maxAttempts < 1 || batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("vern.webhooks: max-attempts, batch-size and threads must be positive");
        }
        if (lease.compareTo(connectTimeout.plus(readTimeout)) <= 0) {
            throw new IllegalArgumentException("vern.webhooks: lease must be longer than connect-timeout plus read-timeout");
        }
    }
}
