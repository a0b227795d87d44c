package no.vern.breach.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import no.vern.breach.Breach;
import no.vern.breach.BreachRegister;
import no.vern.shared.ConsoleSection;
import no.vern.shared.Countdown;
import no.vern.shared.DashboardTile;
import no.vern.shared.PublicEndpoints;
import no.vern.shared.AttentionItem;
import no.vern.breach.BreachStep;
import no.vern.shared.Trend;

/** Wires the breach module into the console, the public site and the job scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BreachProperties.class)
class BreachConfiguration {

    /** Everyone on the staff can report a breach; the section is visible to all. */
    @Bean
    ConsoleSection breachConsoleSection() {
        return new ConsoleSection(600, "/console/breach", "breach.nav", List.of(), ConsoleSection.Group.RISK);
    }

    /** S22: anyone, also outside the company, can report a breach. */
    @Bean
    PublicEndpoints breachPublicEndpoints() {
        return new PublicEndpoints("breach", List.of("/personvern/avvik", "/privacy/breach"));
    }

    /** The dashboard's breach banner: open clocks and the time left on the most urgent. */
    @Bean
    DashboardTile.Source breachDashboardTiles(BreachRegister register, Clock clock) {
        List<String> readers = List.of("PRIVACY_OFFICER", "AUDITOR");
        return () -> {
            Instant now = clock.instant();
            List<Breach> running = register.list().stream().filter(Breach::clockRunning)
                    .sorted(Comparator.comparing(Breach::notifyAuthorityBy)).toList();
            String urgent = running.isEmpty() ? "–" : hoursLeft(running.get(0).timeLeft(now));
            boolean warning = !running.isEmpty() && Countdown.of(running.get(0).timeLeft(now)) != Countdown.CALM;
            return List.of(
                    new DashboardTile(600, "breach.tile.open", String.valueOf(running.size()), "/console/breach", readers,
                            !running.isEmpty()),
                    new DashboardTile(601, "breach.tile.urgent", urgent, "/console/breach", readers, warning));
        };
    }

    /** Looks for breaches crossing 24 h and 60 h every five minutes. */
    @Bean
    RecurringTask<Void> breachEscalationTask(Escalations escalations) {
        return Tasks.recurring("breach-escalation", FixedDelay.ofMinutes(5)).execute((instance, context) -> escalations.run());
    }

    /** Time left as whole hours and minutes, negative when overdue (e.g. {@code 23 h 5 min}). */
    static String hoursLeft(Duration left) {
        String sign = left.isNegative() ? "-" : "";
        Duration abs = left.abs();
        return sign + abs.toHours() + " h " + abs.toMinutesPart() + " min";
    }

    /**
     * The console's "needs attention" list: every breach whose 72-hour clock runs (GDPR Art. 33(1)) by its deadline,
     * critical; open breaches past the clock (notified, or assessed as no risk) wait to be closed, without a deadline.
     */
    @Bean
    AttentionItem.Source breachAttention(BreachRegister register) {
        List<String> officers = List.of("PRIVACY_OFFICER");
        return () -> register.list().stream().filter(b -> b.closedAt() == null).map(b -> {
            BreachStep step = BreachStep.current(b);
            String action = "breach.attention.action." + (step == null ? BreachStep.CLOSE : step).name().toLowerCase(java.util.Locale.ROOT);
            return b.clockRunning()
                    ? new AttentionItem("breach", "breach.attention.clock", List.of(b.receipt()), b.notifyAuthorityBy(),
                            AttentionItem.Severity.CRITICAL, action, "/console/breach/" + b.id(), officers)
                    : new AttentionItem("breach", "breach.attention.open", List.of(b.receipt()), null,
                            AttentionItem.Severity.NOTICE, action, "/console/breach/" + b.id(), officers);
        }).toList();
    }

    /** The home page's trend: breaches reported per day over the last 90 days (Art. 33(5) documents every one). */
    @Bean
    Trend.Source breachTrends(BreachRegister register, Clock clock) {
        return () -> {
            java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(no.vern.shared.VernClock.ZONE));
            java.util.Map<java.time.LocalDate, Long> perDay = register.list().stream().collect(java.util.stream.Collectors
                    .groupingBy(b -> java.time.LocalDate.ofInstant(b.reportedAt(), no.vern.shared.VernClock.ZONE),
                            java.util.stream.Collectors.counting()));
            return List.of(new Trend(600, "breaches-reported", "breach.trend.reported", "/console/breach",
                    List.of("PRIVACY_OFFICER", "AUDITOR"), today, Trend.series(perDay, today)));
        };
    }
}
