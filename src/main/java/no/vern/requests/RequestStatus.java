package no.vern.requests;

/** Where a case stands in its workflow; the last two are final. */
public enum RequestStatus {
    RECEIVED, AWAITING_VERIFICATION, IN_PROGRESS, WAITING_FOR_SYSTEMS, WAITING_FOR_PERSON, EXTENDED, INFORMING_RECIPIENTS, COMPLETED, REFUSED;

    /** Whether the case is closed (no further action, no deadline). */
    public boolean closed() {
        return this == COMPLETED || this == REFUSED;
    }
}
