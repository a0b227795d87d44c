package no.vern.audit;

/**
 * Records one entry per user action that reveals or changes personal data, and per security
 * event (login failure, lockout, token use), in the append-only, hash-chained audit log.
 *
 * <p>Entries are written in the caller's transaction when there is one, so a rolled-back change
 * leaves no entry, and a committed change always has one. There they are written together as the
 * transaction commits (one round trip for all of them), in the order recorded, each with the time
 * it was recorded; the transaction itself does not see them before that.
 */
public interface AuditLog {

    /** Appends an entry; fails fast on anything that looks like personal data in ids or actions. */
    void record(AuditEvent event);

    /**
     * Appends the entry of a read that has happened (a consent check, a lookup) and returns once it is committed.
     * Outside a transaction, entries of concurrent callers are written together in one transaction (group commit:
     * one writer per node, many entries per commit), so the hot read paths do not pay a commit each; inside a
     * transaction the entry is written in it, as {@link #record} does. Either way the caller answers only after
     * this returns, so every answer given has its entry; if the entry cannot be written this throws and the
     * caller must fail.
     */
    void recordRead(AuditEvent event);
}
