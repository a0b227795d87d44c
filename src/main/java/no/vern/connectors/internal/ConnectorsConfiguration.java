package no.vern.connectors.internal;

import no.vern.shared.AddressGuard;
import no.vern.shared.HostResolver;
import no.vern.shared.Dialer;
import no.vern.shared.WebhookClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import no.vern.audit.AuditLog;
import no.vern.processing.CompanyProfiles;
import no.vern.processing.ProcessingRecord;
import no.vern.shared.ConsoleSection;
import no.vern.shared.DatabaseEndpoint;
import no.vern.shared.DemoMode;
import no.vern.shared.OutgoingMail;
import no.vern.shared.PublicEndpoints;
import tools.jackson.databind.json.JsonMapper;

/** Wires the connectors: system adapters, the orchestration, its db-scheduler jobs, console and public paths. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConnectorsProperties.class)
class ConnectorsConfiguration {

    @Bean
    Secrets connectorSecrets(ConnectorsProperties properties, DemoMode demo) {
        Path dir = properties.secretsDir() == null || properties.secretsDir().isBlank()
                ? demo.directory().resolve("secrets") : Path.of(properties.secretsDir());
        return new Secrets(dir, System::getenv);
    }

    @Bean
    AddressGuard connectorAddressGuard() {
        return new AddressGuard(HostResolver.SYSTEM);
    }

    /**
     * Which addresses connectors may reach: server configuration only ({@code vern.connectors.allow-loopback},
     * {@code allow-private-networks}); in demo mode on the embedded server loopback is allowed too, for the demo CRM.
     */
    @Bean
    AddressGuard.Allowances connectorAllowances(ConnectorsProperties properties, DemoMode demo, DatabaseEndpoint endpoint) {
        return new AddressGuard.Allowances(properties.allowLoopback() || demo.enabled() && endpoint.embedded(),
                properties.allowPrivateNetworks());
    }

    @Bean
    SystemCalls connectorSystemCalls(Secrets secrets, AddressGuard guard, AddressGuard.Allowances allowances, ConnectorsProperties properties, JsonMapper json,
            Clock clock, OutgoingMail mail, MessageSource messages, @Value("${vern.base-url}") String baseUrl) {
        WebhookClient client = new WebhookClient(guard, Dialer.PLAIN, properties.connectTimeout(), properties.readTimeout());
        return new SystemCalls(new JdbcSystem(secrets, guard, allowances),
                new WebhookSystem(client, secrets, json, clock, allowances), mail, messages, properties, baseUrl);
    }

    @Bean
    StepService connectedSystems(Steps steps, Connectors connectors, CaseData caseData, ProcessingRecord record,
            AuditLog audit, Clock clock, TransactionTemplate tx) {
        return new StepService(steps, connectors, caseData, record, audit, clock, tx);
    }

    @Bean
    TaskDomains connectorTaskDomains(ConnectorsProperties properties, CompanyProfiles profile) {
        return TaskDomains.of(properties.taskDomains(), () -> profile.current().mailDomain());
    }

    @Bean
    ConnectorService connectorRegistry(Connectors connectors, ProcessingRecord record, SystemCalls calls, CaseData caseData,
            AddressGuard guard, AuditLog audit, Clock clock, AddressGuard.Allowances allowances, TaskDomains taskDomains) {
        return new ConnectorService(connectors, record, calls, caseData, guard, audit, clock, allowances, taskDomains);
    }

    /** Runs due connector steps every five seconds, on one node at a time; survives restarts (state is in the steps). */
    @Bean
    RecurringTask<Void> connectorStepsTask(StepRunner runner, ConnectorsProperties properties) {
        return Tasks.recurring("connectors-steps", FixedDelay.ofSeconds(5)).execute((instance, context) -> {
            if (properties.runInBackground()) {
                runner.runDue();
            }
        });
    }

    /** Hourly: destroys case keys of cases settled longer than the retention, forgets old callback signatures. */
    @Bean
    RecurringTask<Void> connectorHousekeepingTask(CaseData caseData) {
        return Tasks.recurring("connectors-housekeeping", FixedDelay.ofHours(1)).execute((instance, context) -> caseData.discardExpired());
    }

    @Bean
    ConsoleSection connectorsConsoleSection() {
        return new ConsoleSection(450, "/console/connectors", "connectors.nav", List.of("PRIVACY_OFFICER", "CASE_HANDLER", "AUDITOR"), ConsoleSection.Group.REQUESTS);
    }

    /** Webhook callbacks (signed, from other systems, no session: CSRF cannot apply) and manual task pages (token link). */
    @Bean
    PublicEndpoints connectorsPublicEndpoints() {
        return new PublicEndpoints("connectors", List.of("/connectors/callback/*", "/connectors/task/*"),
                List.of("/connectors/callback/*"));
    }
}
