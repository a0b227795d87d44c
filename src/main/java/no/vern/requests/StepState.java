package no.vern.requests;

import org.springframework.modulith.NamedInterface;

/** Where one system's step of a case stands. */
@NamedInterface("spi")
public enum StepState {
    PENDING, RUNNING, WAITING_FOR_PERSON, DONE, FAILED, WAIVED;

    /** Whether the case may be completed as far as this step is concerned. */
    public boolean settled() {
        return this == DONE || this == WAIVED;
    }
}
