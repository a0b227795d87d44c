package no.vern.shared;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A value failed validation (an email address, a phone number, a register field): the message says why
 * and never repeats the value. Code that reports field errors turns it into {@link InvalidInput} with
 * {@link #on(String)}, or into one field error with {@link #at(String)}; the message code (when given) lets a page
 * say why in its own language.
 */
public final class Rejected extends RuntimeException {

    private final @Nullable String code;
    private final List<String> args;

    public Rejected(String reason) {
        this(reason, null);
    }

    /** A rejection with the message code (and arguments) that says the reason in the page's language. */
    public Rejected(String reason, @Nullable String code, String... args) {
        super(reason, null, false, false);
        this.code = code;
        this.args = List.of(args);
    }

    /** Why the value was rejected (never the value itself). */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    /** The field error that reports this rejection against a field, with its message code. */
    public InvalidInput.FieldError at(String field) {
        return new InvalidInput.FieldError(field, getMessage(), code, args);
    }

    /** The problem that reports this rejection against a field. */
    public InvalidInput on(String field) {
        return new InvalidInput(at(field));
    }
}
