package no.vern.changes.internal;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import no.vern.audit.AuditLog;
import no.vern.shared.AddressGuard;
import no.vern.shared.ConsoleSection;
import no.vern.shared.Dialer;
import no.vern.shared.HostResolver;
import no.vern.shared.WebhookClient;
import tools.jackson.databind.json.JsonMapper;

/** Wires webhook delivery: targets behind the shared SSRF guard, the deliverer, its job and the console entry. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhooksConfiguration {

    /** Loopback and private networks only by server setting, as for connectors; link-local and metadata never. */
    @Bean
    WebhookTargets webhookTargets(WebhookProperties properties) {
        AddressGuard guard = new AddressGuard(HostResolver.SYSTEM);
        return new WebhookTargets(guard, new AddressGuard.Allowances(properties.allowLoopback(), properties.allowPrivateNetworks()),
                new WebhookClient(guard, Dialer.PLAIN, properties.connectTimeout(), properties.readTimeout()));
    }

    @Bean
    Jitter webhookJitter() {
        return Jitter.RANDOM;
    }

    @Bean
    WebhookDeliverer webhookDeliverer(WebhookOutbox outbox, WebhookSecrets secrets, WebhookTargets targets, JsonMapper json,
            Clock clock, Jitter jitter, TransactionTemplate tx, AuditLog audit, WebhookProperties properties) {
        return new WebhookDeliverer(outbox, secrets, targets, json, clock, jitter, tx, audit, properties);
    }

    @Bean
    JdbcWebhooks webhooks(JdbcClient jdbc, WebhookSecrets secrets, WebhookOutbox outbox, WebhookDeliverer deliverer,
            WebhookTargets targets, AuditLog audit, Clock clock) {
        return new JdbcWebhooks(jdbc, secrets, outbox, deliverer, targets, audit, clock);
    }

    /** Delivers due webhooks every second, on one node at a time (db-scheduler); the outbox survives restarts. */
    @Bean
    RecurringTask<Void> webhookDeliveryTask(WebhookDeliverer deliverer, WebhookProperties properties) {
        return Tasks.recurring("webhook-delivery", FixedDelay.ofSeconds(1)).execute((instance, context) -> {
            if (properties.runInBackground()) {
                deliverer.deliverDue();
            }
        });
    }

    @Bean
    ConsoleSection webhooksConsoleSection() {
        return new ConsoleSection(930, "/console/changes/webhooks", "changes.webhooks.nav", List.of("PRIVACY_OFFICER"),
                ConsoleSection.Group.ADMINISTRATION);
    }
}
