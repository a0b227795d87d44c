package no.vern.shared;

import java.util.Objects;

/**
 * A value failed validation (an email address, a phone number, a register field): the message says why
 * and never repeats the value. Code that reports field errors turns it into {@link InvalidInput} with
 * {@link #on(String)}.
 */
public final class Rejected extends RuntimeException {

    public Rejected(String reason) {
        super(reason, null, false, false);
    }

    /** Why the value was rejected (never the value itself). */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    /** The problem that reports this rejection against a field. */
    public InvalidInput on(String field) {
        return new InvalidInput(field, getMessage());
    }
}
