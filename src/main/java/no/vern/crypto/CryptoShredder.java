package no.vern.crypto;

import no.vern.shared.SubjectId;

/**
 * Erases a subject by destroying its data key (every copy of its ciphertexts becomes unreadable at
 * once, backups included) and keeps the shred ledger that re-applies erasures after a restore.
 */
public interface CryptoShredder {

    /**
     * Records the subject in the shred ledger, deletes its wrapped key and evicts it from the key
     * cache on every node; idempotent, and a retry finishes a shred that crashed half-way.
     */
    ShredResult shred(SubjectId subject);

    /**
     * {@link #shred} for many subjects at once (a retention purge's batch), in the same crash-safe order: the
     * ledger entries of all of them commit first (one transaction of their own), then their keys go in one
     * key-store statement, then every node is told; idempotent like {@link #shred}. One result per distinct
     * subject, in the order given.
     */
    java.util.List<ShredResult> shredAll(java.util.Collection<SubjectId> subjects);

    /** Whether the subject's key has been shredded (it is in the ledger). */
    boolean isShredded(SubjectId subject);

    /**
     * Re-applies every ledger entry to the key store (deleting keys that came back with a restore)
     * and returns how many keys it destroyed; runs at every start before the app serves.
     */
    int replayLedger();
}
