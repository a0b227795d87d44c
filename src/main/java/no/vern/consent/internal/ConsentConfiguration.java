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
import no.vern.shared.AttentionItem;
import no.vern.consent.PendingConsents;
import no.vern.consent.PendingItem;
import no.vern.consent.PendingStatus;
import no.vern.shared.Trend;

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
        return new ConsoleSection(300, "/console/consent", "consent.nav", READERS, ConsoleSection.Group.CONSENT);
    }

    /** Recruiters and sales register data that arrived before consent; they see ids only. */
    @Bean
    ConsoleSection consentPendingConsoleSection() {
        return new ConsoleSection(310, "/console/consent/pending", "consent.pending.nav",
                List.of("PRIVACY_OFFICER", "RECRUITER", "SALES"), ConsoleSection.Group.CONSENT);
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

    /**
     * The console's "needs attention" list: consents that expire within 30 days, per purpose, for those who renew
     * them; and data held while its consent is asked for (S4, S5), per purpose, due when the first of it is deleted
     * without consent: candidates for recruiters, prospects for sales.
     */
    @Bean
    AttentionItem.Source consentAttention(ConsentLedger ledger, PendingConsents pending,
            no.vern.processing.ProcessingRecord record) {
        List<String> renewers = List.of("PRIVACY_OFFICER", "MARKETING");
        return () -> {
            List<AttentionItem> items = new java.util.ArrayList<>();
            for (PurposeCount count : ledger.counts()) {
                if (count.expiringSoon() > 0) {
                    items.add(new AttentionItem("consent", "consent.attention.expiring",
                            List.of(record.purpose(count.purposeKey())
                                    .map(p -> p.name().in(org.springframework.context.i18n.LocaleContextHolder.getLocale()))
                                    .orElse(count.purposeKey()), Long.toString(count.expiringSoon())), null,
                            AttentionItem.Severity.NOTICE, "consent.attention.action.expiring", "/console/consent",
                            renewers));
                }
            }
            for (var flow : PENDING_FLOWS.entrySet()) {
                List<PendingItem> waiting = pending.list(java.util.Set.of(flow.getKey())).stream()
                        .filter(p -> p.status() == PendingStatus.PENDING).toList();
                waiting.stream().map(PendingItem::expiresAt).min(java.util.Comparator.naturalOrder())
                        .ifPresent(first -> items.add(new AttentionItem("consent", "consent.attention.pending." + flow.getKey(),
                                List.of(Integer.toString(waiting.size())), first, AttentionItem.Severity.WARNING,
                                "consent.attention.action.pending", "/console/consent/pending", flow.getValue())));
            }
            return items;
        };
    }

    /** The purposes whose data may be held pending consent, and the roles that register it (S20). */
    private static final java.util.Map<String, List<String>> PENDING_FLOWS = java.util.Map.of(
            "recruitment", List.of("PRIVACY_OFFICER", "RECRUITER"),
            "talent-pool", List.of("PRIVACY_OFFICER", "RECRUITER"),
            "prospect-dialogue", List.of("PRIVACY_OFFICER", "SALES"));

    /** The home page's trends: consents given and withdrawn per day over the last 90 days. */
    @Bean
    Trend.Source consentTrends(ConsentEvents events, java.time.Clock clock) {
        return () -> {
            java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(no.vern.shared.VernClock.ZONE));
            java.time.Instant since = today.minusDays(Trend.DAYS - 1L).atStartOfDay(no.vern.shared.VernClock.ZONE).toInstant();
            List<String> readers = List.of("PRIVACY_OFFICER", "MARKETING", "AUDITOR");
            return List.of(
                    new Trend(400, "consents-given", "consent.trend.given", "/console/consent", readers, today,
                            Trend.series(events.countPerDay(no.vern.consent.ConsentEventType.GIVEN, since), today)),
                    new Trend(401, "consents-withdrawn", "consent.trend.withdrawn", "/console/consent", readers, today,
                            Trend.series(events.countPerDay(no.vern.consent.ConsentEventType.WITHDRAWN, since), today)));
        };
    }
}
