package no.vern.shared;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Formats instants for pages in the company's zone (Europe/Oslo), so every template shows local
 * time the same way; templates call it as {@code ${@timeFormat.local(x)}}.
 */
@Component("timeFormat")
public class TimeFormat {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(VernClock.ZONE);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy").withZone(VernClock.ZONE);

    /** Local date and time, e.g. {@code 25.11.2026 10:22}; empty for null. */
    public String local(@Nullable Instant instant) {
        return instant == null ? "" : LOCAL.format(instant);
    }

    /** Local date, e.g. {@code 25.11.2026}; empty for null. */
    public String date(@Nullable Instant instant) {
        return instant == null ? "" : DATE.format(instant);
    }

    /** The value of a date-and-time input ({@code 2026-11-25T10:22}, local time); empty for null. */
    public String input(@Nullable Instant instant) {
        return DateTimeInput.value(instant);
    }

    /** The exact instant in UTC (ISO 8601), for titles and machine-readable attributes. */
    public String iso(@Nullable Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
