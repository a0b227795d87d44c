package no.vern.communications.internal;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import no.vern.register.SubjectErased;
import no.vern.register.SubjectErasing;
import no.vern.shared.AtCommit;
import no.vern.shared.SubjectId;

/**
 * Keeps erased people off every list (S26, S7): while the register erases a subject it hands over the
 * keyed hashes of the email addresses (in its transaction, before deleting them), which go onto the
 * suppression list; with the erasure, in the same transaction, the module deletes what it holds per subject (the
 * language). Both are written for all subjects of the transaction in one statement each just before it commits
 * ({@link AtCommit}), so they commit with the erasure or not at all (issue 28 item 8: no stored event publication
 * per subject, no transaction of its own after the commit).
 */
@Component
class ErasureSuppression {

    private final Suppressions suppressions;
    private final Clock clock;
    /** Hashes handed over in one transaction, suppressed together just before it commits (issue 28 item 8). */
    private final AtCommit<Suppressed> erased;
    /** Subjects erased in one transaction, whose languages are deleted together just before it commits. */
    private final AtCommit<SubjectId> languagesOf;

    /** A hash to suppress and when it was handed over. */
    private record Suppressed(byte[] hash, Instant at) {
    }

    ErasureSuppression(Suppressions suppressions, Languages languages, Clock clock, PlatformTransactionManager transactions) {
        this.suppressions = suppressions;
        this.clock = clock;
        this.erased = new AtCommit<>(transactions, rows -> suppressions.add(rows.stream().map(Suppressed::hash).toList(),
                rows.stream().map(Suppressed::at).toList(), Suppressions.ALL, Suppressions.Reason.ERASED));
        this.languagesOf = new AtCommit<>(transactions, languages::deleteAll);
    }

    /**
     * Synchronous, in the register's erasure transaction: hashes only, never addresses; written with the other
     * subjects' of the transaction in one statement before it commits (a purge batch erases many).
     */
    @EventListener
    void on(SubjectErasing erasing) {
        Instant now = clock.instant();
        erasing.emailIndexes().forEach(hash -> erased.add(new Suppressed(hash, now)));
    }

    /**
     * Synchronous, in the erasure transaction (was an {@code @ApplicationModuleListener} run after the commit in a
     * transaction of its own): the language goes with the subject, atomically, for all subjects of the transaction
     * in one statement.
     */
    @EventListener
    void on(SubjectErased erased) {
        languagesOf.add(erased.subject());
    }
}
