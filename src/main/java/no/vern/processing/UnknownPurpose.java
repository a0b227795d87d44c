package no.vern.processing;

import org.springframework.http.HttpStatus;

import no.vern.shared.VernProblem;

/** A purpose key that is not in the record was used; nothing may be processed for it (S8, S10). */
public final class UnknownPurpose extends VernProblem {

    public UnknownPurpose(String key) {
        super("unknown-purpose", HttpStatus.UNPROCESSABLE_CONTENT, "Unknown purpose",
                "The purpose '" + safe(key) + "' is not in the record of processing activities.");
    }

    private static String safe(String key) {
        return key.matches("[a-z0-9-]{1,60}") ? key : "(invalid key)";
    }
}
