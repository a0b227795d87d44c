package no.vern.events;

/** Where a sign-up stands: a seat, a place in the queue, or cancelled. */
public enum RegistrationStatus {
    /** The person has a seat. */
    CONFIRMED,
    /** The event was full; the person gets the first seat that frees up, in order of sign-up. */
    WAITING,
    /** The person cancelled (or withdrew the consent to the event). */
    CANCELLED
}
