package no.vern.audit;

/**
 * Lets privacy officers, auditors and API clients read the audit log; every read is itself
 * recorded as {@code audit.entries.read}.
 */
public interface AuditTrail {

    /** Entries matching the filter, newest first; page is zero-based and size is capped at {@value AuditPage#MAX_SIZE}. */
    AuditPage search(AuditFilter filter, int page, int size);
}
