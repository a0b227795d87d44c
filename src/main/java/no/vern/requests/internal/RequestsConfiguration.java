package no.vern.requests.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import no.vern.requests.RequestCase;
import no.vern.requests.Requests;
import no.vern.shared.ConsoleSection;
import no.vern.shared.DashboardTile;
import no.vern.shared.PublicEndpoints;
import no.vern.shared.VernClock;
import no.vern.shared.AttentionItem;
import no.vern.requests.CaseStep;
import no.vern.requests.RequestStatus;
import no.vern.shared.Trend;

/** Wires the requests module into the console, the public privacy center and the job scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestsProperties.class)
class RequestsConfiguration {

    static final List<String> HANDLERS = List.of("PRIVACY_OFFICER", "CASE_HANDLER");

    @Bean
    ConsoleSection requestsConsoleSection() {
        return new ConsoleSection(300, "/console/requests", "requests.nav", HANDLERS, ConsoleSection.Group.REQUESTS);
    }

    /** The privacy center: anyone can ask to exercise their rights (GDPR Arts. 12, 15–21). */
    @Bean
    PublicEndpoints requestsPublicEndpoints() {
        return new PublicEndpoints("requests", List.of("/personvern/rettigheter", "/personvern/rettigheter/**",
                "/privacy/rights", "/privacy/rights/**", "/.well-known/vern-erasure-key",
                "/personvern/kontroller-slettebevis", "/privacy/verify-certificate"));
    }

    /** Dashboard figures: open cases and those due within seven days. */
    @Bean
    DashboardTile.Source requestsDashboardTiles(Requests requests, Clock clock) {
        return () -> {
            Instant now = clock.instant();
            List<RequestCase> open = requests.list(null, null);
            long soon = open.stream().filter(c -> !c.warning(now).isEmpty()).count();
            return List.of(
                    new DashboardTile(300, "requests.tile.open", String.valueOf(open.size()), "/console/requests",
                            HANDLERS, false),
                    new DashboardTile(301, "requests.tile.soon", String.valueOf(soon), "/console/requests", HANDLERS,
                            soon > 0));
        };
    }

    /** The privacy officer's daily digest at 07:00 Oslo time, once across nodes. */
    /** Deletes the personal data of cases closed longer than the retention period, nightly, once across nodes. */
    @Bean
    RecurringTask<Void> requestsCasePurgeTask(CasePurge purge) {
        return Tasks.recurring("requests-case-purge", Schedules.daily(VernClock.ZONE, LocalTime.of(3, 15)))
                .execute((instance, context) -> purge.purgeDue());
    }

    /** Erasure certificates of completed erasures whose system steps have since settled: every minute, once across nodes. */
    @Bean
    RecurringTask<Void> requestsCertificatesTask(ErasureCertification certification) {
        return Tasks.recurring("requests-certificates", Schedules.fixedDelay(java.time.Duration.ofMinutes(1)))
                .execute((instance, context) -> certification.issueDue());
    }

    /**
     * Answers held for Art. 19 recipients whose tasks and system steps have since settled (a connected system's step
     * settles in the background): every minute, once across nodes, after the certificates.
     */
    @Bean
    RecurringTask<Void> requestsAnswersTask(HeldAnswers answers) {
        return Tasks.recurring("requests-answers", Schedules.fixedDelay(java.time.Duration.ofMinutes(1)))
                .execute((instance, context) -> answers.finishDue());
    }

    @Bean
    RecurringTask<Void> requestsDigestTask(Digest digest) {
        return Tasks.recurring("requests-digest", Schedules.daily(VernClock.ZONE, LocalTime.of(7, 0)))
                .execute((instance, context) -> digest.send());
    }


    /**
     * The console's "needs attention" list: every open case by its due date (GDPR Art. 12(3)), with the step it is at
     * as the action; overdue or within two days is critical, within seven days a warning.
     */
    @Bean
    AttentionItem.Source requestsAttention(Requests requests, Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return requests.list(null, null).stream().map(c -> {
                String warning = c.warning(now);
                AttentionItem.Severity severity = warning.equals("overdue") || warning.equals("2d")
                        ? AttentionItem.Severity.CRITICAL
                        : warning.equals("7d") ? AttentionItem.Severity.WARNING : AttentionItem.Severity.NOTICE;
                CaseStep step = CaseStep.current(c, c.status() == RequestStatus.WAITING_FOR_SYSTEMS);
                String action = "requests.attention.action." + (step == null ? CaseStep.DECIDE : step).name().toLowerCase(java.util.Locale.ROOT);
                return new AttentionItem("requests", "requests.attention." + c.kind().name(),
                        List.of(c.id().toString().substring(0, 8)), c.dueAt(), severity, action,
                        "/console/requests/" + c.id(), HANDLERS);
            }).toList();
        };
    }

    /** The home page's trend: requests received per day over the last 90 days (what the officer reports upward). */
    @Bean
    Trend.Source requestsTrends(Cases cases, Clock clock) {
        return () -> {
            java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(VernClock.ZONE));
            Instant since = today.minusDays(Trend.DAYS - 1L).atStartOfDay(VernClock.ZONE).toInstant();
            return List.of(new Trend(300, "requests-received", "requests.trend.received", "/console/requests",
                    HANDLERS, today, Trend.series(cases.receivedPerDay(since), today)));
        };
    }
}
