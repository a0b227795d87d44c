package no.vern.breach;

/** Where a breach stands, derived from what has been recorded on it. */
public enum BreachStatus {
    REPORTED, ASSESSED, NOTIFIED_AUTHORITY, NOT_NOTIFIABLE, CLOSED
}
