package no.vern.connectors.internal;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the connectors module.
 *
 * @param secretsDir where {@code file:<name>} secret references are read from (default {@code <data dir>/secrets})
 * @param maxAttempts attempts per step before it is FAILED (a handler can retry or waive it)
 * @param backoff delay after the first failed attempt, doubled per attempt
 * @param maxBackoff the longest delay between attempts
 * @param lease how long a running step is reserved before another node may take it over
 * @param callbackTimeout how long a webhook step waits for its callback before it is tried again
 * @param taskValidity how long a manual task link works
 * @param caseDataRetention how long after the last step of a case settled its case key is kept
 * @param connectTimeout webhook connect timeout
 * @param readTimeout webhook read timeout
 * @param runInBackground whether the scheduler job runs due steps (tests switch it off and call the runner themselves)
 * @param allowLoopback server setting (never from the API): connectors may reach loopback addresses (127.0.0.0/8, ::1)
 * @param allowPrivateNetworks server setting (never from the API): connectors may reach private and unique-local networks
 * @param taskDomains the mail domains a manual connector's responsible person may have (default: the domain of
 *        the company profile's mail sender, the organisation's own), so that task mails with requesters' identifiers never
 *        leave the organisation
 */
@ConfigurationProperties("vern.connectors")
record ConnectorsProperties(@Nullable String secretsDir, @DefaultValue("6") int maxAttempts, @DefaultValue("30s") Duration backoff, @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("5m") Duration lease, @DefaultValue("7d") Duration callbackTimeout,
        @DefaultValue("14d") Duration taskValidity, @DefaultValue("90d") Duration caseDataRetention,
        @DefaultValue("5s") Duration connectTimeout, @DefaultValue("15s") Duration readTimeout,
        @DefaultValue("true") boolean runInBackground, @DefaultValue("false") boolean allowLoopback,
        @DefaultValue("false") boolean allowPrivateNetworks, @DefaultValue List<String> taskDomains) {

    ConnectorsProperties {
        taskDomains = taskDomains == null ? List.of() : taskDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty()).toList();
    }

    /** The delay before attempt {@code attempts + 1}. */
    Duration backoffAfter(int attempts) {
        Duration delay = backoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
