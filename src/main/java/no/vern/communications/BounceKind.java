package no.vern.communications;

/** What a mail server reported back about an address. */
public enum BounceKind {
    /** The address does not exist or refuses mail for good: it is suppressed. */
    HARD,
    /** A temporary problem (mailbox full): counted, nothing suppressed. */
    SOFT
}
