package no.vern.retention.internal;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import no.vern.retention.Purges;
import no.vern.retention.RetentionPolicies;
import no.vern.shared.ConsoleSection;
import no.vern.shared.DashboardTile;
import no.vern.shared.PublicEndpoints;
import no.vern.shared.VernClock;
import no.vern.shared.AttentionItem;

/**
 * What the retention module adds to the application: the daily purge task (db-scheduler: one execution
 * across nodes, picked up again after a crash), the seeding of missing rules at start, the console
 * section and dashboard figure, and the public talent-pool answer pages behind signed notice links.
 */
@Configuration(proxyBeanMethods = false)
class RetentionConfiguration {

    /** The db-scheduler task name; its one row in {@code scheduled_tasks} is shared by every node. */
    static final String PURGE_TASK = "retention-purge";
    static final List<String> READERS = List.of("PRIVACY_OFFICER", "AUDITOR");

    @Bean
    RecurringTask<Void> retentionPurgeTask(Purges purges) {
        return Tasks.recurring(PURGE_TASK, Schedules.cron("0 30 2 * * *", VernClock.ZONE))
                .execute((instance, context) -> purges.purge());
    }

    @Bean
    PublicEndpoints retentionPublicEndpoints() {
        return new PublicEndpoints("retention", List.of("/personvern/talentbank/**", "/privacy/talent-pool/**"));
    }

    @Bean
    ConsoleSection retentionConsoleSection() {
        return new ConsoleSection(550, "/console/retention", "retention.nav", READERS, ConsoleSection.Group.RISK);
    }

    @Bean
    DashboardTile.Source retentionDashboardTiles(RetentionPolicies policies) {
        return () -> {
            long missing = policies.coverage().stream().mapToLong(c -> c.missing().size()).sum();
            return List.of(new DashboardTile(550, "retention.tile.missing", String.valueOf(missing),
                    "/console/retention", READERS, missing > 0));
        };
    }

    /**
     * The console's "needs attention" list: the latest dry run waiting for the privacy officer's approval before real
     * runs may delete (issue 10 item 4), and records overdue for deletion (GDPR Art. 5(1)(e)).
     */
    @Bean
    AttentionItem.Source retentionAttention(Purges purges) {
        List<String> officers = List.of("PRIVACY_OFFICER");
        return () -> {
            List<AttentionItem> items = new java.util.ArrayList<>();
            if (!purges.realRunsAllowed()) {
                purges.runs(10).stream().filter(r -> r.dryRun() && r.approvedAt() == null && "DONE".equals(r.status()))
                        .findFirst().ifPresentOrElse(
                                run -> items.add(new AttentionItem("retention", "retention.attention.approve",
                                        List.of(Integer.toString(run.due())), null, AttentionItem.Severity.WARNING,
                                        "retention.attention.action.approve", "/console/retention/runs/" + run.id(), officers)),
                                () -> items.add(new AttentionItem("retention", "retention.attention.dryRun", List.of(),
                                        null, AttentionItem.Severity.WARNING, "retention.attention.action.dryRun",
                                        "/console/retention", officers)));
            }
            return items;
        };
    }
}
