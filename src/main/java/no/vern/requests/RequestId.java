package no.vern.requests;

import java.util.UUID;

import no.vern.shared.InvalidInput;

/** The opaque id of a data-subject request case (no personal data; safe in URLs and audit entries). */
public record RequestId(UUID value) {

    public RequestId {
        if (value == null) {
            throw new IllegalArgumentException("A request id needs a value");
        }
    }

    /** A new random id. */
    public static RequestId random() {
        return new RequestId(UUID.randomUUID());
    }

    /** Parses the textual form; {@link InvalidInput} for anything that is not a UUID. */
    public static RequestId parse(String text) {
        try {
            return new RequestId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("id", "is not a request id", "error.field.id");
        }
    }

    /** The audit target form, {@code request:<uuid>}. */
    public String reference() {
        return "request:" + value;
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
