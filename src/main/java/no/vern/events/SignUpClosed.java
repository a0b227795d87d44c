package no.vern.events;

import org.springframework.http.HttpStatus;

import no.vern.shared.VernProblem;

/** The event's sign-up deadline has passed (or it has started); nothing was recorded. */
public final class SignUpClosed extends VernProblem {

    /** Signals the refusal, naming the event id only. */
    public SignUpClosed(java.util.UUID eventId) {
        super("signup-closed", HttpStatus.CONFLICT, "Sign-up closed",
                "Sign-up for event " + eventId + " is closed.");
    }
}
