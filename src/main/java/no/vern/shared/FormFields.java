package no.vern.shared;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The fields of a submitted console form, parsed once the same way on every page: text as typed (never null),
 * dates ({@code <input type="date">}, {@code 2026-11-25}), whole numbers and choices of an enum. A field that cannot be
 * parsed is collected as a field error with its message code, so that the page says why in its own language
 * ({@link Labels#error(InvalidInput.FieldError)}) and the form is shown again with what was typed. Date-and-time
 * fields are {@link DateTimeInput}'s.
 */
public final class FormFields {

    private final Map<String, String> params;
    private final Map<String, InvalidInput.FieldError> errors = new LinkedHashMap<>();

    /** The fields of one submitted form (the request's parameters). */
    public FormFields(Map<String, String> params) {
        this.params = params;
    }

    /** A form without named parameters: its values are given to the parsing methods one by one. */
    public FormFields() {
        this(Map.of());
    }

    /** A field's text as typed; empty when it was not sent. */
    public static String text(Map<String, String> params, String name) {
        String value = params.get(name);
        return value == null ? "" : value;
    }

    /** This form's field as typed; empty when it was not sent. */
    public String text(String name) {
        return text(params, name);
    }

    /**
     * An optional date: null when blank; a field error {@code error.field.date} (and null) when it is not a date
     * (YYYY-MM-DD).
     */
    public @Nullable LocalDate date(String field, String raw) {
        if (raw.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            reject(field, "must be a date (YYYY-MM-DD)", "error.field.date");
            return null;
        }
    }

    /** A date that must be given: a field error {@code error.field.required} when blank, else as {@link #date}. */
    public @Nullable LocalDate requiredDate(String field, String raw) {
        if (raw.isBlank()) {
            reject(field, "is required", "error.field.required");
            return null;
        }
        return date(field, raw);
    }

    /**
     * An optional whole number: null when blank; a field error {@code error.field.wholeNumber} (and null) when it is
     * not one.
     */
    public @Nullable Integer wholeNumber(String field, String raw) {
        Long n = longWholeNumber(field, raw);
        if (n != null && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)) {
            reject(field, "must be a whole number", "error.field.wholeNumber");
            return null;
        }
        return n == null ? null : n.intValue();
    }

    /** As {@link #wholeNumber}, for counts that may pass two billion (records or people touched by a breach). */
    public @Nullable Long longWholeNumber(String field, String raw) {
        if (raw.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            reject(field, "must be a whole number", "error.field.wholeNumber");
            return null;
        }
    }

    /** A whole number that must be given: a field error {@code error.field.required} when blank, else as {@link #wholeNumber}. */
    public @Nullable Integer requiredWholeNumber(String field, String raw) {
        if (raw.isBlank()) {
            reject(field, "is required", "error.field.required");
            return null;
        }
        return wholeNumber(field, raw);
    }

    /**
     * A choice that must be made: a field error {@code error.field.choose} when blank, {@code error.field.choice} when
     * it is not one of the type's constants.
     */
    public <E extends Enum<E>> @Nullable E requiredChoice(Class<E> type, String field, String raw) {
        if (raw.isBlank()) {
            reject(field, "must be chosen", "error.field.choose");
            return null;
        }
        E value = enumOf(type, raw);
        if (value == null) {
            reject(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()), "error.field.choice");
        }
        return value;
    }

    /**
     * A choice of an enum by its constant's name: null when blank or not a constant of the type (the rules of the
     * form's input then say what is missing, as for a choice not made).
     */
    public static <E extends Enum<E>> @Nullable E enumOf(Class<E> type, String raw) {
        try {
            return raw.isBlank() ? null : Enum.valueOf(type, raw.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Collects a field error with its message code (the first error of a field is the one kept). */
    public void reject(String field, String message, String code, String... args) {
        errors.putIfAbsent(field, InvalidInput.FieldError.coded(field, message, code, args));
    }

    /** Collects the field errors of refused input (the first error of a field is the one kept). */
    public void add(InvalidInput refused) {
        refused.errors().forEach(e -> errors.putIfAbsent(e.field(), e));
    }

    /** Whether every field parsed so far was valid. */
    public boolean valid() {
        return errors.isEmpty();
    }

    /** The field errors collected, in the order the fields were read. */
    public List<InvalidInput.FieldError> errors() {
        return new ArrayList<>(errors.values());
    }

    /** Throws the collected field errors as one {@link InvalidInput}; does nothing when there are none. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors());
        }
    }

    /**
     * Throws every field error at once: when some field could not be read, the rules' own check ({@code rules}, which
     * throws {@link InvalidInput}) runs too and its errors join those collected, so the form says all that is wrong in
     * one go rather than one error per submission.
     */
    public void throwIfInvalid(Runnable rules) {
        if (!errors.isEmpty()) {
            try {
                rules.run();
            } catch (InvalidInput refused) {
                add(refused);
            }
        }
        throwIfInvalid();
    }
}
