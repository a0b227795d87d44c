package no.vern.audit;

import java.util.List;

/**
 * One page of audit entries, newest first.
 *
 * @param entries the entries of this page
 * @param page zero-based page number
 * @param size the page size that was applied
 * @param hasNext whether an older page exists
 */
public record AuditPage(List<AuditRecord> entries, int page, int size, boolean hasNext) {

    /** The largest page anyone may ask for. */
    public static final int MAX_SIZE = 200;

    public AuditPage {
        entries = List.copyOf(entries);
    }

    /** Whether a newer page exists. */
    public boolean hasPrevious() {
        return page > 0;
    }
}
