package no.vern.uploads;

import java.util.Map;

import org.springframework.http.HttpStatus;

import no.vern.shared.VernProblem;

/** An upload was refused; {@code reason} says why in a stable, machine-readable form. */
public final class UploadRefused extends VernProblem {

    /** Why an upload is refused. */
    public enum Reason {
        TOO_LARGE, TOO_MANY, EMPTY, TYPE_NOT_ALLOWED, TYPE_MISMATCH, POLYGLOT, ZIP_BOMB, MALWARE, SCAN_FAILED
    }

    private final Reason reason;

    public UploadRefused(Reason reason, String detail) {
        super("upload-refused", reason == Reason.TOO_LARGE ? HttpStatus.CONTENT_TOO_LARGE
                : reason == Reason.SCAN_FAILED ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNPROCESSABLE_CONTENT,
                "Upload refused", detail);
        this.reason = reason;
    }

    /** Why the file was refused. */
    public Reason reason() {
        return reason;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("reason", reason.name().toLowerCase().replace('_', '-'));
    }
}
