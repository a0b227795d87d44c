package no.vern.register.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.crypto.CryptoShredder;
import no.vern.register.SubjectErased;
import no.vern.register.SubjectErasing;
import no.vern.shared.Actor;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/**
 * Erasure by crypto-shredding in the order of docs/developing.md (GDPR Art. 17, S26): mark erased, destroy
 * the key, delete the blind indexes, publish and audit; the ciphertext rows, unreadable once the key is gone,
 * are deleted afterwards by the recovery job ({@link ErasureRecovery}). Each step commits on its own and is
 * idempotent, so a crash between any two steps is finished by calling the erasure again or by that job.
 */
@Component
class Erasure {

    private final Subjects subjects;
    private final CryptoShredder shredder;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final TransactionTemplate ownTx;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final JdbcSubjectDirectory directory;

    Erasure(Subjects subjects, CryptoShredder shredder, AuditLog audit, ApplicationEventPublisher events,
            TransactionTemplate tx, Clock clock, JdbcSubjectDirectory directory, JdbcClient jdbc) {
        this.directory = directory;
        this.jdbc = jdbc;
        this.ownTx = new TransactionTemplate(java.util.Objects.requireNonNull(tx.getTransactionManager()));
        this.ownTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.subjects = subjects;
        this.shredder = shredder;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Step 1: the subject is answered as erased (410) from now on. The marker commits in a transaction of its
     * own, even when the caller has one open (a request's completion, an event purge): the key is destroyed
     * next, in the key store, which no caller's rollback can undo, so the marker must outlive such a rollback
     * for the recovery job to finish the erasure. If the caller itself holds the subject's row, waiting for it
     * would block this thread for good; the lock timeout turns that into an error instead.
     */
    void markErased(SubjectId subject) {
        ownTx.executeWithoutResult(s -> {
            jdbc.sql("SET LOCAL lock_timeout = '10s'").update();
            subjects.markErased(subject, clock.instant());
        });
    }

    /** Step 2: the data key is destroyed; every ciphertext of the subject, in every copy, is unreadable. */
    void shred(SubjectId subject) {
        shredder.shred(subject);
    }

    /** Whether the subject's key is destroyed (in the shred ledger). */
    boolean shredded(SubjectId subject) {
        return shredder.isShredded(subject);
    }

    /**
     * Step 3: what finds the subject (blind indexes, idempotency keys) goes; history, event and audit. Its cost does
     * not grow with the number of records (issue 28 item 7): the records and attachments stay behind as ciphertexts
     * that nothing can decrypt since step 2, and {@link #deleteRows} deletes them in the background. True if this
     * call finished the erasure, false if it was finished already (a retry racing the recovery job).
     */
    boolean finish(SubjectId subject, Actor actor) {
        return !finishAll(java.util.List.of(subject), actor).isEmpty();
    }

    /**
     * Step 3 for many subjects in one transaction, each step one statement for all of them, in {@link #finish}'s order:
     * the subjects not finished yet are marked complete, their email hashes handed to the suppression list
     * ({@link SubjectErasing}, synchronous), what finds them deleted, one history line each, {@link SubjectErased}
     * each, and one audit entry naming all of them. Returns those this call finished (none if a retry or the recovery
     * job was first: publish and audit once).
     */
    private java.util.List<SubjectId> finishAll(java.util.List<SubjectId> erased, Actor actor) {
        java.util.List<SubjectId> finished = tx.execute(s -> {
            Instant now = clock.instant();
            java.util.List<SubjectId> completed = subjects.erasureCompleted(erased, now);
            if (completed.isEmpty()) {
                return completed;
            }
            UUID[] done = completed.stream().map(SubjectId::value).toArray(UUID[]::new);
            java.util.Map<UUID, java.util.List<byte[]>> hashes = directory.emailHashesOf(done);
            // Synchronous, same transaction: a suppression list keeps the email hashes before they go.
            completed.forEach(id -> events.publishEvent(new SubjectErasing(id, hashes.getOrDefault(id.value(),
                    java.util.List.of()))));
            subjects.deleteFindingData(completed);
            subjects.change(completed, now, actor.reference(), "subject", "erased");
            completed.forEach(id -> events.publishEvent(new SubjectErased(id)));
            audit.record(AuditEvent.by(actor, "register.subject.erase", Outcome.SUCCESS)
                    .withTargets(completed.stream().map(SubjectId::reference).toArray(String[]::new)));
            return completed;
        });
        return finished == null ? java.util.List.of() : finished;
    }

    /**
     * Steps 1 to 3 for many subjects at once (a retention purge's batch, issue 28 item 8), each step one statement or
     * round trip for all of them, in the same order and with the same idempotence as one subject's: only subjects
     * that exist, are not erased and hold no record at all are marked (GDPR Art. 17 and 5(1)(e): a subject is
     * shredded only when nothing else is held about it; the check and the mark are one statement), the marks commit
     * on their own, then every key goes in one key-store round trip ({@link CryptoShredder#shredAll}), then one
     * transaction deletes what finds them, writes their history, publishes the events per subject and one audit
     * entry naming all of them. A crash between steps is finished by the recovery job ({@link ErasureRecovery}).
     * Returns the subjects this call erased.
     */
    java.util.List<SubjectId> eraseEmptied(java.util.Collection<SubjectId> candidates, Actor actor) {
        UUID[] ids = candidates.stream().map(SubjectId::value).distinct().sorted().toArray(UUID[]::new);
        if (ids.length == 0) {
            return java.util.List.of();
        }
        java.util.List<SubjectId> marked = ownTx.execute(s -> {
            jdbc.sql("SET LOCAL lock_timeout = '10s'").update();
            return jdbc.sql("""
                    UPDATE register_subject s SET erased_at = :now
                    WHERE s.id = ANY(:ids) AND s.erased_at IS NULL
                      AND NOT EXISTS (SELECT 1 FROM register_record r WHERE r.subject_id = s.id)
                    RETURNING s.id
                    """).param("ids", ids).param("now", JdbcTime.param(clock.instant()))
                    .query((rs, n) -> new SubjectId(rs.getObject(1, UUID.class))).list();
        });
        if (marked == null || marked.isEmpty()) {
            return java.util.List.of();
        }
        shredder.shredAll(marked);
        return finishAll(marked, actor);
    }

    /** Whether the subject's ciphertext rows still wait for {@link #deleteRows} (as the register holds it now). */
    boolean rowsPending(SubjectId subject) {
        return subjects.rowsPending(subject);
    }

    /**
     * Step 4, background work of the recovery job: deletes the ciphertext rows (records, attachments) of a subject
     * whose erasure is complete, and says so in the history and the audit log. Returns how many records it deleted;
     * 0 if they were deleted already.
     */
    int deleteRows(SubjectId subject, Actor actor) {
        Integer deleted = tx.execute(s -> {
            Instant now = clock.instant();
            if (!subjects.rowsDeleted(subject, now)) {
                return 0;
            }
            int records = subjects.deleteCiphertexts(subject);
            subjects.change(subject, now, actor.reference(), "subject", "ciphertexts-deleted");
            audit.record(AuditEvent.by(actor, "register.subject.erase-rows", Outcome.SUCCESS)
                    .withTargets(subject.reference()));
            return records;
        });
        return deleted == null ? 0 : deleted;
    }
}
