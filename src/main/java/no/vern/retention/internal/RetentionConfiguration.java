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
        return new ConsoleSection(550, "/console/retention", "retention.nav", READERS);
    }

    @Bean
    DashboardTile.Source retentionDashboardTiles(RetentionPolicies policies) {
        return () -> {
            long missing = policies.coverage().stream().mapToLong(c -> c.missing().size()).sum();
            return List.of(new DashboardTile(550, "retention.tile.missing", String.valueOf(missing),
                    "/console/retention", READERS, missing > 0));
        };
    }
}
