package no.vern.audit;

import java.util.List;
import java.util.Optional;

/**
 * The hash chain behind the audit log: seals pending entries and proves, on demand or nightly,
 * that nothing sealed has been changed, removed or reordered since.
 */
public interface AuditChain {

    /** Seals every entry committed so far (waiting for a concurrent sealer); returns how many were sealed. */
    int sealPending();

    /** Walks the whole chain now, stores the result and returns it; the actor of the request is recorded. */
    AuditVerification verify();

    /** The latest stored verification results, newest first. */
    List<AuditVerification> recentVerifications(int limit);

    /** The latest stored verification result, if the chain was ever verified. */
    Optional<AuditVerification> lastVerification();

    /** How many committed entries are not sealed yet. */
    long unsealedCount();
}
