package no.vern.communications.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of list mail: throttling, retries (the sender and the {@code mailto:} objection's mailbox are the
 * company profile's: its mail sender and privacy mailbox).
 *
 * @param perMinute most messages sent per minute across all nodes
 * @param batchSize deliveries handled per committed batch
 * @param maxAttempts tries on temporary SMTP failures before a delivery counts as failed
 * @param sendInterval how often the send job looks for due deliveries
 * @param lease how long a delivery may stay "sending" before a crash is assumed (it then counts as uncertain)
 * @param linkKey base64 HMAC key for unsubscribe links (at least 32 bytes); generated and stored when blank
 */
@ConfigurationProperties("vern.communications")
record CommunicationsProperties(@DefaultValue("600") int perMinute, @DefaultValue("50") int batchSize, @DefaultValue("5") int maxAttempts,
        @DefaultValue("10s") Duration sendInterval, @DefaultValue("10m") Duration lease,
        @DefaultValue("") String linkKey) {
}
