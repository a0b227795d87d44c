package no.vern.register.internal;

import java.util.Objects;

/** A value failed validation; the message says why and never repeats the value. */
final class Rejected extends RuntimeException {

    Rejected(String reason) {
        super(reason, null, false, false);
    }

    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }
}
