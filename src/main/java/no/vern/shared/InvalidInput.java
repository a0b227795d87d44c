package no.vern.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Input failed domain validation; carries one message per offending field so that APIs can
 * report them as problem members and forms can show them next to the field.
 */
public final class InvalidInput extends VernProblem {

    /**
     * One field that failed, with a message that never repeats the rejected value. Pages show it in their own
     * language from the message code ({@link Labels#error(FieldError)}); the API reports the English message.
     *
     * @param field the field
     * @param message why, in English (the API's problem member)
     * @param code the message key that says why in the page's language, or null where none is given yet
     * @param args the message's arguments ({@link Labels#argument(String)}: {@code purpose:<key>} is shown as its name)
     */
    public record FieldError(String field, String message, @Nullable String code, List<String> args) {

        public FieldError {
            args = List.copyOf(args);
        }

        /** A field error with its message code and arguments. */
        public static FieldError coded(String field, String message, String code, String... args) {
            return new FieldError(field, message, code, List.of(args));
        }
    }

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super("validation", HttpStatus.BAD_REQUEST, "Invalid input", summary(errors));
        this.errors = List.copyOf(errors);
    }

    /** One field refused with its message code (and arguments), so pages say why in their own language. */
    public InvalidInput(String field, String message, String code, String... args) {
        this(List.of(FieldError.coded(field, message, code, args)));
    }

    public InvalidInput(FieldError error) {
        this(List.of(error));
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public Map<String, Object> properties() {
        // The API's members stay field and message; the code is for the pages.
        return Map.of("errors", errors.stream().map(e -> {
            Map<String, String> member = new LinkedHashMap<>();
            member.put("field", e.field());
            member.put("message", e.message());
            return member;
        }).toList());
    }

    private static String summary(List<FieldError> errors) {
        if (errors.size() == 1) {
            return errors.get(0).field() + ": " + errors.get(0).message();
        }
        return errors.size() + " fields are invalid: "
                + String.join(", ", errors.stream().map(FieldError::field).toList()) + ".";
    }
}
