package no.vern.informing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import no.vern.shared.VernClock;

/**
 * The timing rule of GDPR Art. 14(3): a person whose data was obtained from someone else is told within a reasonable
 * period, at the latest within one month of obtaining it (14(3)(a): one calendar month, a month without that day
 * ending on its last day, at the end of that day in Europe/Oslo), and, where the data is used to communicate with the
 * person, at the latest at the first communication (14(3)(b)). Vern sends after a configured delay (time to record an
 * exemption for an import), never later than the month.
 */
public final class SourceNoticeDeadlines {

    /** The end of a day: the last whole second, so the deadline is an exact, readable instant. */
    static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

    private SourceNoticeDeadlines() {
    }

    /** Art. 14(3)(a): the end of the day one calendar month after the data was obtained, clamped to the month's end. */
    public static Instant deadline(Instant obtainedAt) {
        LocalDate day = obtainedAt.atZone(VernClock.ZONE).toLocalDate().plusMonths(1);
        return day.atTime(END_OF_DAY).atZone(VernClock.ZONE).toInstant();
    }

    /** When Vern sends: after the configured delay, but never after the Art. 14(3)(a) deadline. */
    public static Instant sendAt(Instant obtainedAt, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("The delay is not negative");
        }
        Instant planned = obtainedAt.plus(delay);
        Instant deadline = deadline(obtainedAt);
        return planned.isAfter(deadline) ? deadline : planned;
    }

    /**
     * Art. 14(3)(b): when a communication to the person goes out at {@code contactAt}, the notice is due then if that is
     * earlier than the planned time.
     */
    public static Instant sendAtFirstContact(Instant plannedAt, Instant contactAt) {
        return contactAt.isBefore(plannedAt) ? contactAt : plannedAt;
    }

    /** Whether a notice not yet sent at {@code now} is late (Art. 14(3)(a)). */
    public static boolean overdue(Instant obtainedAt, Instant now) {
        return now.isAfter(deadline(obtainedAt));
    }
}
