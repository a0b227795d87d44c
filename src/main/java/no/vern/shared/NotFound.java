package no.vern.shared;

import org.springframework.http.HttpStatus;

/** Something addressed by id does not exist (or the caller may not know that it does). */
public final class NotFound extends VernProblem {

    public NotFound(String what, Object id) {
        super("not-found", HttpStatus.NOT_FOUND, "Not found", what + " " + id + " does not exist.");
    }
}
