package no.vern.register.internal;

/** A value failed validation; the message says why and never repeats the value. */
final class Rejected extends RuntimeException {

    Rejected(String reason) {
        super(reason, null, false, false);
    }
}
