package no.vern.communications.internal;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import no.vern.register.SubjectErased;
import no.vern.register.SubjectErasing;

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

    ErasureSuppression(Suppressions suppressions, Languages languages, Clock clock) {
        this.suppressions = suppressions;
        this.languages = languages;
        this.clock = clock;
    }

    /** Synchronous, in the register's erasure transaction: hashes only, never addresses. */
    @EventListener
    void on(SubjectErasing erasing) {
        suppressions.add(erasing.emailIndexes(), Suppressions.ALL, Suppressions.Reason.ERASED, clock.instant());
    }

    @ApplicationModuleListener
    void on(SubjectErased erased) {
        languages.delete(erased.subject());
    }
}
