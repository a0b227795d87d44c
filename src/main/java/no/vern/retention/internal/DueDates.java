package no.vern.retention.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.processing.ProcessingRecordChanged;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/**
 * When the purge planner next has work for a subject and purpose ({@code retention_due}, issue 28 item 8). The
 * rows are marked "look now" at write time by database triggers (records written, a subject changed, a consent
 * changed, a clock event, a new rule version; see migration V28_30) and by {@link #on(ProcessingRecordChanged)}
 * here; the planner reads only the rows due and writes back the next instant it computed, unless a mark came in
 * meanwhile ({@code generation}). Ids and times only.
 */
@Repository
class DueDates {

    private static final Logger log = LoggerFactory.getLogger(DueDates.class);

    /** A subject and purpose the planner has to look at, with the mark it read. */
    record Due(SubjectId subject, String purposeKey, long generation) {
    }

    private final JdbcClient jdbc;

    DueDates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every subject and purpose with work at {@code now}, by purpose and subject (the index holds only these). */
    List<Due> dueAt(Instant now) {
        return jdbc.sql("""
                SELECT subject_id, purpose_key, generation FROM retention_due
                WHERE due_from IS NOT NULL AND due_from <= :now ORDER BY purpose_key, subject_id
                """).param("now", JdbcTime.param(now))
                .query((rs, n) -> new Due(new SubjectId(rs.getObject("subject_id", UUID.class)),
                        rs.getString("purpose_key"), rs.getLong("generation")))
                .list();
    }

    /**
     * Stores, in one statement, when the planner next has work for each of these (null: no clock runs), except for
     * the rows marked since they were read and the rows a writer holds right now.
     */
    void next(List<Due> rows, List<@Nullable Instant> next) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            jdbc.sql("""
                WITH v AS (SELECT * FROM unnest(CAST(:subjects AS uuid[]), CAST(:purposes AS text[]),
                               CAST(:generations AS bigint[]), CAST(:nexts AS text[])) AS v(subject_id, purpose_key, generation, next)),
                     mine AS (SELECT d.subject_id, d.purpose_key, v.next FROM retention_due d
                              JOIN v ON v.subject_id = d.subject_id AND v.purpose_key = d.purpose_key AND v.generation = d.generation
                              ORDER BY d.subject_id FOR UPDATE OF d SKIP LOCKED)
                UPDATE retention_due d SET due_from = CAST(mine.next AS timestamptz)
                FROM mine WHERE d.subject_id = mine.subject_id AND d.purpose_key = mine.purpose_key
                """).param("subjects", rows.stream().map(r -> r.subject().value()).toArray(UUID[]::new))
                .param("purposes", rows.stream().map(Due::purposeKey).toArray(String[]::new))
                .param("generations", rows.stream().map(Due::generation).toArray(Long[]::new))
                .param("nexts", next.stream().map(n -> n == null ? null : n.toString()).toArray(String[]::new))
                .update();
        } catch (PessimisticLockingFailureException e) {
            notWritten(e);
        }
    }

    /** These subjects hold nothing for the purpose any more: their rows go, except those marked since. */
    void forget(List<Due> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            jdbc.sql("""
                WITH v AS (SELECT * FROM unnest(CAST(:subjects AS uuid[]), CAST(:purposes AS text[]),
                               CAST(:generations AS bigint[])) AS v(subject_id, purpose_key, generation)),
                     mine AS (SELECT d.subject_id, d.purpose_key FROM retention_due d
                              JOIN v ON v.subject_id = d.subject_id AND v.purpose_key = d.purpose_key AND v.generation = d.generation
                              ORDER BY d.subject_id FOR UPDATE OF d SKIP LOCKED)
                DELETE FROM retention_due d USING mine WHERE d.subject_id = mine.subject_id AND d.purpose_key = mine.purpose_key
                """).param("subjects", rows.stream().map(r -> r.subject().value()).toArray(UUID[]::new))
                .param("purposes", rows.stream().map(Due::purposeKey).toArray(String[]::new))
                .param("generations", rows.stream().map(Due::generation).toArray(Long[]::new))
                .update();
        } catch (PessimisticLockingFailureException e) {
            notWritten(e);
        }
    }

    /**
     * The write-back never waits for a row a writer (or another node's plan) holds: it skips it (the writer marks it
     * anyway). Should the database still pick it as a deadlock victim, the page's write-back is dropped. Nothing is
     * lost either way: the rows it read were due, they keep a date that is not later than now, and the next plan
     * reads them again.
     */
    private static void notWritten(PessimisticLockingFailureException e) {
        log.info("Retention due dates of one page not written back ({}); the next plan recomputes them",
                e.getClass().getSimpleName());
    }

    /**
     * A new version of the record of processing may change a purpose's legal basis (consent or not) or remove it:
     * every subject is looked at by the next plan, as every plan did before due dates.
     */
    @EventListener // in the record's own transaction: no plan can run between the new version and the mark
    void on(ProcessingRecordChanged changed) {
        jdbc.sql("UPDATE retention_due SET due_from = TIMESTAMPTZ 'epoch', generation = generation + 1").update();
    }
}
