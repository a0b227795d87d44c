package no.vern.requests;

/** Where one system's step of a case stands. */
public enum StepState {
    PENDING, RUNNING, WAITING_FOR_PERSON, DONE, FAILED, WAIVED;

    /** Whether the case may be completed as far as this step is concerned. */
    public boolean settled() {
        return this == DONE || this == WAIVED;
    }
}
