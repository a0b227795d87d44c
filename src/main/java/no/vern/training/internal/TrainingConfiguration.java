package no.vern.training.internal;

import java.time.LocalTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import no.vern.shared.ConsoleSection;
import no.vern.shared.DashboardTile;
import no.vern.shared.VernClock;
import no.vern.training.AccessReviews;
import no.vern.training.TrainingRegister;
import no.vern.shared.AttentionItem;
import no.vern.training.TrainingStatus;

/** Wires the security programme into the console, the dashboard and the job scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrainingProperties.class)
class TrainingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TrainingConfiguration.class);
    private static final List<String> READERS = List.of("PRIVACY_OFFICER", "AUDITOR");

    @Bean
    ConsoleSection trainingConsoleSection() {
        return new ConsoleSection(850, "/console/training", "training.nav", READERS, ConsoleSection.Group.DOCUMENTATION);
    }

    @Bean
    ConsoleSection securityConsoleSection() {
        return new ConsoleSection(860, "/console/security", "security.nav", READERS, ConsoleSection.Group.RISK);
    }

    @Bean
    DashboardTile.Source trainingDashboardTiles(TrainingRegister register, AccessReviews reviews) {
        return () -> {
            long overdue = register.overdue().size();
            long unreviewed = reviews.unreviewed();
            return List.of(
                    new DashboardTile(1500, "training.tile.overdue", String.valueOf(overdue), "/console/training",
                            READERS, overdue > 0),
                    new DashboardTile(1510, "training.tile.unreviewed", String.valueOf(unreviewed),
                            "/console/training/access-review", READERS, unreviewed > 0));
        };
    }

    /** Every morning at 07:00 (Oslo), on one node: reminders for trainings due soon or overdue. */
    @Bean
    RecurringTask<Void> trainingReminderTask(TrainingRegister register) {
        return Tasks.recurring("training-reminders", Schedules.daily(VernClock.ZONE, LocalTime.of(7, 0)))
                .execute((instance, context) -> log.info("Training reminders sent: {}", register.sendReminders()));
    }

    /**
     * The console's "needs attention" list: overdue trainings (one line, due when the first lapsed) and the current
     * access review's unreviewed accounts (GDPR Art. 32(4), Art. 5(1)(f)).
     */
    @Bean
    AttentionItem.Source trainingAttention(TrainingRegister register, AccessReviews reviews, java.time.Clock clock) {
        List<String> officers = List.of("PRIVACY_OFFICER");
        return () -> {
            List<AttentionItem> items = new java.util.ArrayList<>();
            List<TrainingStatus> overdue = register.overdue();
            overdue.stream().map(TrainingStatus::dueOn).min(java.util.Comparator.naturalOrder()).ifPresent(first ->
                    items.add(new AttentionItem("training", "training.attention.overdue",
                            List.of(Integer.toString(overdue.size())), first.atStartOfDay(VernClock.ZONE).toInstant(),
                            AttentionItem.Severity.WARNING, "training.attention.action.overdue", "/console/training",
                            officers)));
            long unreviewed = reviews.unreviewed();
            if (unreviewed > 0) {
                items.add(new AttentionItem("training", "training.attention.unreviewed", List.of(Long.toString(unreviewed)),
                        null, AttentionItem.Severity.WARNING, "training.attention.action.unreviewed",
                        "/console/training/access-review", officers));
            }
            return items;
        };
    }
}
