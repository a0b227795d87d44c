package no.vern.shared;

import org.springframework.http.HttpStatus;

/** A request body is larger than Vern accepts; nothing of it was processed. */
public final class PayloadTooLarge extends VernProblem {

    public PayloadTooLarge(long limitBytes) {
        super("payload-too-large", HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large",
                "The request body exceeds the limit of " + limitBytes + " bytes.");
    }
}
