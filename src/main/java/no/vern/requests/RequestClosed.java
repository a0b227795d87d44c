package no.vern.requests;

import no.vern.shared.Conflict;

/** An action on a case that is already completed or refused. */
public final class RequestClosed extends Conflict {

    public RequestClosed(RequestId id) {
        super("request-closed", "Request already closed", "Request " + id + " is already closed.");
    }
}
