package no.vern.shared;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * Input failed domain validation; carries one message per offending field so that APIs can
 * report them as problem members and forms can show them next to the field.
 */
public final class InvalidInput extends VernProblem {

    /** One field that failed, with a message that never repeats the rejected value. */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super("validation", HttpStatus.BAD_REQUEST, "Invalid input", summary(errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidInput(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("errors", errors);
    }

    private static String summary(List<FieldError> errors) {
        if (errors.size() == 1) {
            return errors.get(0).field() + ": " + errors.get(0).message();
        }
        return errors.size() + " fields are invalid: "
                + String.join(", ", errors.stream().map(FieldError::field).toList()) + ".";
    }
}
