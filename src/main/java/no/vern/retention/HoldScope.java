package no.vern.retention;

/** What a legal hold covers. */
public enum HoldScope {
    /** One subject. */
    SUBJECT,
    /** Every subject of an organisation. */
    ORGANISATION,
    /** Every record of a data category. */
    CATEGORY
}
