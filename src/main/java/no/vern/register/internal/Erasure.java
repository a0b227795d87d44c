package no.vern.register.internal;

import java.time.Clock;
import java.time.Instant;

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
        return Boolean.TRUE.equals(tx.execute(s -> {
            Instant now = clock.instant();
            if (!subjects.erasureCompleted(subject, now)) {
                return false; // finished already: publish and audit once
            }
            // Synchronous, same transaction: a suppression list keeps the email hashes before they go.
            events.publishEvent(new SubjectErasing(subject, directory.emailHashesOf(subject)));
            subjects.deleteFindingData(subject);
            subjects.change(subject, now, actor.reference(), "subject", "erased");
            events.publishEvent(new SubjectErased(subject));
            audit.record(AuditEvent.by(actor, "register.subject.erase", Outcome.SUCCESS).withTargets(subject.reference()));
            return true;
        }));
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
