package no.vern.audit.internal;


import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import io.micrometer.core.instrument.Gauge;
import org.springframework.jdbc.core.JdbcTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import no.vern.audit.AuditVerification;
import no.vern.shared.Actor;
import no.vern.shared.VernClock;

/**
 * Wires the audit chain's schedules and metrics: the nightly verification as a db-scheduler
 * recurring task (one execution across all nodes) and the gauges monitoring alerts on.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    /** The db-scheduler task name; its row in {@code scheduled_tasks} is shared by all nodes. */
    static final String NIGHTLY_TASK = "audit-chain-verification";
    /** Every night at 02:30 Oslo time (seconds, minutes, hours, day of month, month, day of week). */
    static final String NIGHTLY_CRON = "0 30 2 * * *";
    static final Actor NIGHTLY_ACTOR = Actor.system("audit-nightly-verification");

    @Bean
    RecurringTask<Void> auditChainVerificationTask(AuditChainService chain) {
        return Tasks.recurring(NIGHTLY_TASK, Schedules.cron(NIGHTLY_CRON, VernClock.ZONE))
                .execute((instance, context) -> chain.verifyAs(NIGHTLY_ACTOR));
    }

    @Bean
    GroupCommitWriter auditGroupCommitWriter(JdbcTemplate jdbc, AuditProperties properties, MeterRegistry meters) {
        return new GroupCommitWriter(jdbc, properties.groupCommit(), meters);
    }

    @Bean
    Gauge auditChainBrokenGauge(MeterRegistry meters, Verifier verifier) {
        return Gauge.builder("vern.audit.chain.broken", verifier,
                v -> v.lastVerification().map(AuditVerification::ok).map(ok -> ok ? 0.0 : 1.0).orElse(0.0))
                .description("1 when the last verification found the audit chain broken, else 0")
                .register(meters);
    }

    @Bean
    Gauge auditUnsealedGauge(MeterRegistry meters, Sealer sealer) {
        return Gauge.builder("vern.audit.unsealed", sealer, s -> (double) s.unsealedCount())
                .description("Committed audit entries not yet sealed into the hash chain")
                .baseUnit("entries").register(meters);
    }

    @Bean
    Gauge auditEntriesVerifiedGauge(MeterRegistry meters, Verifier verifier) {
        return Gauge.builder("vern.audit.chain.verified", verifier,
                v -> v.lastVerification().map(r -> (double) r.entriesChecked()).orElse(0.0))
                .description("Chain positions checked by the last verification").baseUnit("entries")
                .register(meters);
    }

}
