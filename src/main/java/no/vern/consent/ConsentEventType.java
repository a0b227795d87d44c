package no.vern.consent;

/** What happened to a consent; the ledger holds one event per happening and never changes one. */
public enum ConsentEventType {
    /** The person consented. */
    GIVEN,
    /** The person withdrew (GDPR Art. 7(3)). */
    WITHDRAWN,
    /** The consent lapsed at its expiry time. */
    EXPIRED,
    /** The person consented again while a consent was still active. */
    RENEWED;

    /** Whether a consent whose last event is of this type is in force (before any expiry). */
    public boolean grants() {
        return this == GIVEN || this == RENEWED;
    }
}
