package no.vern.shared.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of outgoing mail ({@code vern.mail.*}); the SMTP server itself is {@code spring.mail.*}, the sender
 * and footer are the company profile's ({@link no.vern.shared.MailSignature}).
 *
 * @param maxAttempts tries of an outbox message on temporary failures before it counts as failed
 * @param lease how long a message may stay "sending" before a crash is assumed (it then counts as uncertain)
 * @param keepSettled how long the id-only row of a settled message is kept
 * @param retryInterval how often the job looks for messages due for a retry
 */
@ConfigurationProperties("vern.mail")
record MailSettings(@DefaultValue("10") int maxAttempts, @DefaultValue("10m") Duration lease,
        @DefaultValue("30d") Duration keepSettled, @DefaultValue("15s") Duration retryInterval) {
}
