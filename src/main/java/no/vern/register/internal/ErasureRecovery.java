package no.vern.register.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import no.vern.shared.Actor;
import no.vern.shared.SubjectId;

/**
 * Finishes erasures that a crash (kill -9, power loss, lost database) left half-done: a subject marked
 * erased whose erasure never completed gets its key shredded and its erasure finished by this job, on one
 * node (db-scheduler), within a minute. It also deletes the ciphertext rows (records, attachments) that every
 * erasure leaves behind, unreadable, so that the erasure itself costs the same whatever the number of records
 * (issue 28 item 7). Every step of {@link Erasure} is idempotent, so a subject is
 * erased exactly once however often the job or the original caller retries (GDPR Art. 17, issue 14).
 */
@Configuration(proxyBeanMethods = false)
class ErasureRecovery {

    private static final Logger log = LoggerFactory.getLogger(ErasureRecovery.class);
    private static final Actor JOB = Actor.system("erasure-recovery");
    /** An erasure younger than this may still be running in its request; leave it alone. */
    private static final Duration GRACE = Duration.ofSeconds(30);
    /** Erased subjects whose ciphertext rows one run deletes (each in a transaction of its own). */
    private static final int ROWS_BATCH = 200;

    @Bean
    RecurringTask<Void> registerErasureRecoveryTask(JdbcClient jdbc, Erasure erasure, Subjects subjects, Clock clock,
            @Value("${vern.register.erasure-recovery-interval:PT1M}") Duration interval) {
        return Tasks.recurring("register-erasure-recovery", FixedDelay.of(interval))
                .execute((instance, context) -> {
                    finishInterrupted(jdbc, erasure, clock);
                    deletePendingRows(erasure, subjects);
                });
    }

    /** Finishes erasures a crash left half-done (marked, maybe shredded, not completed), and merges' keys. */
    static void finishInterrupted(JdbcClient jdbc, Erasure erasure, Clock clock) {
        List<SubjectId> unfinished = jdbc.sql("""
                SELECT id FROM register_subject
                WHERE erased_at IS NOT NULL AND erasure_completed_at IS NULL AND erased_at < :before
                ORDER BY erased_at LIMIT 500
                """).param("before", no.vern.shared.JdbcTime.param(clock.instant().minus(GRACE)))
                .query((rs, n) -> new SubjectId(rs.getObject(1, java.util.UUID.class))).list();
        for (SubjectId subject : unfinished) {
            erasure.shred(subject);
            erasure.finish(subject, JOB);
        }
        // A merge shreds the merged subject's key after its commit; a crash right then left the key behind.
        List<SubjectId> merged = jdbc.sql("""
                SELECT id FROM register_subject
                WHERE merged_into IS NOT NULL AND merged_at < :before AND merged_at > :since
                ORDER BY merged_at LIMIT 500
                """).param("before", no.vern.shared.JdbcTime.param(clock.instant().minus(GRACE)))
                .param("since", no.vern.shared.JdbcTime.param(clock.instant().minus(Duration.ofDays(1))))
                .query((rs, n) -> new SubjectId(rs.getObject(1, java.util.UUID.class))).list();
        merged.stream().filter(s -> !erasure.shredded(s)).forEach(erasure::shred);
        if (!unfinished.isEmpty()) {
            log.info("Finished {} interrupted erasure(s)", unfinished.size());
        }
    }

    /**
     * Deletes the ciphertext rows that completed erasures leave behind (issue 28 item 7), at most {@link #ROWS_BATCH}
     * subjects per run, each in a transaction of its own; returns how many records went.
     */
    static int deletePendingRows(Erasure erasure, Subjects subjects) {
        // Every erasure leaves its ciphertext rows (unreadable since the key went) for this job to delete.
        int subjectsDone = 0;
        int records = 0;
        for (SubjectId subject : subjects.rowsToDelete(ROWS_BATCH)) {
            records += erasure.deleteRows(subject, JOB);
            subjectsDone++;
        }
        if (subjectsDone > 0) {
            log.info("Deleted the ciphertext rows of {} erased subject(s): {} record(s)", subjectsDone, records);
        }
        return records;
    }
}
