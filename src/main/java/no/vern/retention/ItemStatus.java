package no.vern.retention;

/** What a purge run found or did about one subject, purpose and category. */
public enum ItemStatus {
    /** Due and waiting to be deleted (a real run's progress). */
    PENDING,
    /** Due (in a dry run: would be deleted). */
    DUE,
    /** Due, but a legal hold stops it. */
    HELD,
    /** Due soon; the person gets (or got) a notice first. */
    NOTICE,
    /** Deleted. */
    DONE
}
