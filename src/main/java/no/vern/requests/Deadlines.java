package no.vern.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import no.vern.shared.VernClock;

/**
 * The deadline arithmetic of GDPR Art. 12(3): an answer is due one calendar month after receipt (a
 * month without that day ends on its last day: 31 January gives 28 or 29 February), at the end of that
 * day in Europe/Oslo; it may be extended by up to two further months, only if the person is told with
 * reasons within the first month.
 */
public final class Deadlines {

    /** The longest extension in months (Art. 12(3): "by two further months"). */
    public static final int MAX_EXTENSION_MONTHS = 2;

    /** The end of a day: the last whole second, so that the due time is an exact, readable instant. */
    static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

    private Deadlines() {
    }

    /** The day of receipt in Norway. */
    public static LocalDate receivedOn(Instant receivedAt) {
        return receivedAt.atZone(VernClock.ZONE).toLocalDate();
    }

    /** Due at the end of the day one calendar month after receipt, clamped to the month's end (Art. 12(3)). */
    public static Instant due(Instant receivedAt) {
        return endOf(receivedOn(receivedAt).plusMonths(1));
    }

    /** Due after an extension by {@code months} (1 or 2) further months, counted from receipt (Art. 12(3)). */
    public static Instant extendedDue(Instant receivedAt, int months) {
        if (months < 1 || months > MAX_EXTENSION_MONTHS) {
            throw new IllegalArgumentException("An extension is one or two months");
        }
        return endOf(receivedOn(receivedAt).plusMonths(1L + months));
    }

    /** Whether an extension may still be given at {@code now}: only within the first month (Art. 12(3)). */
    public static boolean mayExtendAt(Instant receivedAt, Instant now) {
        return !now.isAfter(due(receivedAt));
    }

    /** The end of a day in Europe/Oslo. */
    public static Instant endOf(LocalDate day) {
        return day.atTime(END_OF_DAY).atZone(VernClock.ZONE).toInstant();
    }
}
