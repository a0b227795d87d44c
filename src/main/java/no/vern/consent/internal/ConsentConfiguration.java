package no.vern.consent.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import no.vern.consent.ConsentLedger;
import no.vern.consent.PurposeCount;
import no.vern.shared.ConsoleSection;
import no.vern.shared.DashboardTile;
import no.vern.shared.PublicEndpoints;

/**
 * What the consent module adds to the application: the hourly expiry and pending-purge tasks (one run across nodes),
 * asynchronous event listeners, the public withdrawal and consent-request pages, its console section and dashboard figures.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class ConsentConfiguration {

    /** The db-scheduler task name; its row in {@code scheduled_tasks} is shared by all nodes. */
    static final String EXPIRY_TASK = "consent-expiry";
    static final List<String> READERS = List.of("PRIVACY_OFFICER", "CASE_HANDLER", "MARKETING", "AUDITOR");

    @Bean
    RecurringTask<Void> consentExpiryTask(ConsentService consents) {
        return Tasks.recurring(EXPIRY_TASK, Schedules.fixedDelay(Duration.ofHours(1)))
                .execute((instance, context) -> consents.expireLapsed());
    }

    /** The db-scheduler task purging pending data without consent (S5); one run across nodes. */
    static final String PENDING_TASK = "consent-pending-purge";

    @Bean
    RecurringTask<Void> consentPendingPurgeTask(PendingService pending) {
        return Tasks.recurring(PENDING_TASK, Schedules.fixedDelay(Duration.ofHours(1)))
                .execute((instance, context) -> pending.purgeExpired());
    }

    /** The one-click withdrawal pages and receipts of GDPR Art. 7(3) are reached from a link, without login. */
    @Bean
    PublicEndpoints consentPublicEndpoints() {
        return new PublicEndpoints("consent", List.of("/samtykke/trekk-tilbake/**", "/consent/withdraw/**",
                "/samtykke/foresporsel/**"));
    }

    @Bean
    ConsoleSection consentConsoleSection() {
        return new ConsoleSection(300, "/console/consent", "consent.nav", READERS);
    }

    /** Recruiters and sales register data that arrived before consent; they see ids only. */
    @Bean
    ConsoleSection consentPendingConsoleSection() {
        return new ConsoleSection(310, "/console/consent/pending", "consent.pending.nav",
                List.of("PRIVACY_OFFICER", "RECRUITER", "SALES"));
    }

    @Bean
    DashboardTile.Source consentDashboardTiles(ConsentLedger ledger) {
        return () -> {
            List<PurposeCount> counts = ledger.counts();
            long active = counts.stream().mapToLong(PurposeCount::active).sum();
            long expiring = counts.stream().mapToLong(PurposeCount::expiringSoon).sum();
            return List.of(
                    new DashboardTile(300, "consent.tile.active", String.valueOf(active), "/console/consent", READERS,
                            false),
                    new DashboardTile(301, "consent.tile.expiring", String.valueOf(expiring), "/console/consent",
                            READERS, expiring > 0));
        };
    }
}
