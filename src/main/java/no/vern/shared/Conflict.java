package no.vern.shared;

import org.springframework.http.HttpStatus;

/** The request is well-formed but clashes with the current state (duplicate, stale version). */
public class Conflict extends VernProblem {

    public Conflict(String slug, String title, String detail) {
        super(slug, HttpStatus.CONFLICT, title, detail);
    }
}
