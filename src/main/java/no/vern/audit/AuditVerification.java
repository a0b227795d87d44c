package no.vern.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The result of walking the audit chain, so that staff, API clients and monitoring can see
 * whether the log is intact and, if not, exactly where it was first broken.
 *
 * @param ok whether every sealed entry matched its seal and the chain has no gap
 * @param entriesChecked how many sealed entries were verified before the walk ended
 * @param firstBrokenLink the first place where the chain does not hold, or null
 * @param unsealedOverdue committed entries still unsealed more than a minute after they occurred
 * @param durationMillis how long the walk took
 * @param verifiedAt when the walk started
 * @param triggeredBy the actor reference that asked for it, e.g. {@code system:audit-nightly-verification}
 */
public record AuditVerification(boolean ok, long entriesChecked, @Nullable BrokenLink firstBrokenLink,
        long unsealedOverdue, long durationMillis, Instant verifiedAt, String triggeredBy) {

    public AuditVerification {
        if (ok != (firstBrokenLink == null)) {
            throw new IllegalArgumentException("A verification is ok exactly when it found no broken link");
        }
    }

    /**
     * Where and why the chain breaks first.
     *
     * @param chainSeq the position in the chain
     * @param entryId the entry the seal at that position points to, if known
     * @param reason what is wrong
     */
    public record BrokenLink(long chainSeq, @Nullable Long entryId, Reason reason) {
    }

    /** Why a link of the chain does not hold. */
    public enum Reason {
        /** The entry's fields no longer hash to the value sealed for it. */
        ENTRY_MODIFIED,
        /** The seal points to an entry that no longer exists. */
        ENTRY_DELETED,
        /** The seal row itself was changed: its previous hash or its own hash does not match the chain. */
        SEAL_MODIFIED,
        /** A chain position is missing: a seal row was removed. */
        SEQUENCE_GAP,
        /** A checkpoint's head hash differs from the seal at its position. */
        CHECKPOINT_MISMATCH
    }
}
