package no.vern.communications.internal;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import no.vern.register.SubjectErased;
import no.vern.register.SubjectErasing;
import no.vern.shared.AtCommit;

/**
 * Keeps erased people off every list (S26, S7): while the register erases a subject it hands over the
 * keyed hashes of the email addresses (in its transaction, before deleting them), which go onto the
 * suppression list; after the erasure the module deletes what it holds per subject (the language).
 */
@Component
class ErasureSuppression {

    private final Suppressions suppressions;
    private final Languages languages;
    private final Clock clock;
    /** Hashes handed over in one transaction, suppressed together just before it commits (issue 28 item 8). */
    private final AtCommit<Suppressed> erased;

    /** A hash to suppress and when it was handed over. */
    private record Suppressed(byte[] hash, Instant at) {
    }

    ErasureSuppression(Suppressions suppressions, Languages languages, Clock clock, PlatformTransactionManager transactions) {
        this.suppressions = suppressions;
        this.languages = languages;
        this.clock = clock;
        this.erased = new AtCommit<>(transactions, rows -> suppressions.add(rows.stream().map(Suppressed::hash).toList(),
                rows.stream().map(Suppressed::at).toList(), Suppressions.ALL, Suppressions.Reason.ERASED));
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

    @ApplicationModuleListener
    void on(SubjectErased erased) {
        languages.delete(erased.subject());
    }
}
