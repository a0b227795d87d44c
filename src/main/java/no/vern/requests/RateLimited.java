package no.vern.requests;

import org.springframework.http.HttpStatus;

import no.vern.shared.VernProblem;

/** Too many requests or codes from one address or IP within the window (protects people's mailboxes and codes). */
public final class RateLimited extends VernProblem {

    public RateLimited() {
        super("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many attempts", "Too many attempts; try again later.");
    }
}
