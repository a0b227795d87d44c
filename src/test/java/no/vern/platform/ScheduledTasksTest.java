package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import no.vern.retention.RetentionTestSupport;
import no.vern.shared.JdbcTime;
import no.vern.shared.VernClock;
import no.vern.support.VernTest;

/**
 * Every recurring job of every module is one row in the scheduler table that all nodes share, so db-scheduler
 * lets exactly one node pick each run (runs in the retention tests' context, the one with the scheduler on).
 */
@VernTest
class ScheduledTasksTest extends RetentionTestSupport {

    @Autowired
    Map<String, RecurringTask<?>> recurringTasks;
    @Autowired
    JdbcClient jdbc;

    @Test
    void everyRecurringTaskIsOneRowInTheSharedSchedulerTable() throws InterruptedException {
        assertThat(recurringTasks.values()).extracting(RecurringTask::getName)
                .contains("consent-expiry", "audit-chain-verification", "retention-purge", "mail-outbox",
                        "restriction-release");
        for (RecurringTask<?> task : recurringTasks.values()) {
            assertThat(rows(task.getName())).as(task.getName()).hasSize(1);
        }
    }

    @Test
    void theNightlyAuditVerificationRunsAtHalfPastTwoOsloTime() throws InterruptedException {
        List<Instant> next = rows("audit-chain-verification");
        assertThat(next).hasSize(1);
        ZonedDateTime oslo = next.get(0).atZone(VernClock.ZONE);
        assertThat(oslo.getHour()).isEqualTo(2);
        assertThat(oslo.getMinute()).isEqualTo(30);
    }

    @Test
    void art5_1_e_theReleaseOfKeptCategoriesRunsDailyAtQuarterPastThreeOsloTime() throws InterruptedException {
        List<Instant> next = rows("restriction-release");
        assertThat(next).hasSize(1);
        ZonedDateTime oslo = next.get(0).atZone(VernClock.ZONE);
        assertThat(oslo.getHour()).isEqualTo(3);
        assertThat(oslo.getMinute()).isEqualTo(15);
    }

    /** The scheduled executions of a task, waiting a little for the scheduler to register them at start. */
    private List<Instant> rows(String task) throws InterruptedException {
        List<Instant> next = List.of();
        for (int i = 0; i < 100 && next.isEmpty(); i++) {
            next = jdbc.sql("SELECT execution_time FROM scheduled_tasks WHERE task_name = :task").param("task", task)
                    .query((rs, n) -> JdbcTime.required(rs, "execution_time")).list();
            if (next.isEmpty()) {
                Thread.sleep(100);
            }
        }
        return next;
    }
}
