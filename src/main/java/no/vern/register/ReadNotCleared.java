package no.vern.register;

import org.springframework.http.HttpStatus;

import no.vern.shared.VernProblem;

/** The actor is not cleared to read personal data now (e.g. required privacy training has lapsed). */
public final class ReadNotCleared extends VernProblem {

    public ReadNotCleared() {
        super("read-not-cleared", HttpStatus.FORBIDDEN, "Not cleared to read personal data",
                "Your required privacy training has lapsed; renew it before reading personal data.");
    }
}
