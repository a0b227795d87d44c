package no.vern.audit;

/**
 * Records one entry per user action that reveals or changes personal data, and per security
 * event (login failure, lockout, token use), in the append-only, hash-chained audit log.
 *
 * <p>Entries are written in the caller's transaction when there is one, so a rolled-back change
 * leaves no entry, and a committed change always has one.
 */
public interface AuditLog {

    /** Appends an entry; fails fast on anything that looks like personal data in ids or actions. */
    void record(AuditEvent event);
}
