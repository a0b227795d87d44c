package no.vern.shared;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

/**
 * Date-and-time form fields ({@code <input type="datetime-local">}, {@code 2026-11-25T10:22}) in the
 * company's zone. The web layer converts such text to an {@link Instant} once, for every {@code Instant}
 * request parameter and form field (a local time is Oslo time; a text with an offset keeps it); pages
 * show a value back with {@link #value}.
 */
public final class DateTimeInput {

    /** What the field shows and sends: local date and minute in Europe/Oslo. */
    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(VernClock.ZONE);
    /** The problem text for a field that is not a date and time. */
    public static final String INVALID = "must be a date and time (yyyy-MM-ddTHH:mm)";
    /** The message code of {@link #INVALID}, said in the page's language. */
    public static final String INVALID_CODE = "error.field.dateTime";

    private DateTimeInput() {
    }

    /**
     * The instant a field's text means: null when blank; a local date and time in Europe/Oslo, or an ISO
     * date and time with offset. {@link IllegalArgumentException} for anything else.
     */
    public static @Nullable Instant parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(t).atZone(VernClock.ZONE).toInstant();
        } catch (DateTimeException local) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeException offset) {
                throw new IllegalArgumentException("not a date and time");
            }
        }
    }

    /** The field's value for a page: empty for null, else local date and minute in Europe/Oslo. */
    public static String value(@Nullable Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }

    /** The field's value shown again after a post: what was typed when it was not a date and time. */
    public static String value(BindingResult binding, String field, @Nullable Instant parsed) {
        FieldError error = binding.getFieldError(field);
        if (error != null && error.getRejectedValue() != null) {
            return String.valueOf(error.getRejectedValue());
        }
        return value(parsed);
    }
}
