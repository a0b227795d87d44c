package no.vern.events;

import org.springframework.http.HttpStatus;

import no.vern.shared.VernProblem;

/** This email address already has an active sign-up for the event; nothing new was recorded. */
public final class AlreadySignedUp extends VernProblem {

    /** Signals the refusal, naming the event id only (never the address). */
    public AlreadySignedUp(java.util.UUID eventId) {
        super("already-signed-up", HttpStatus.CONFLICT, "Already signed up",
                "This address already has a sign-up for event " + eventId + ".");
    }
}
