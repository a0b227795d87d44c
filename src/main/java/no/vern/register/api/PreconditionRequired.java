package no.vern.register.api;

import org.springframework.http.HttpStatus;

import no.vern.shared.VernProblem;

/** A change was sent without {@code If-Match}: lost updates are refused by design (428). */
final class PreconditionRequired extends VernProblem {

    PreconditionRequired() {
        super("precondition-required", HttpStatus.PRECONDITION_REQUIRED, "If-Match required",
                "Send the subject's ETag in If-Match to change it.");
    }
}
