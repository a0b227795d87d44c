package no.vern.retention.internal;

import java.time.Instant;
import java.time.LocalDate;

import no.vern.retention.PeriodUnit;
import no.vern.shared.VernClock;

/**
 * Date arithmetic of retention rules in the company's zone (Europe/Oslo): calendar months clamped to the
 * month's end, and the bookkeeping period counted from the end of the accounting year (Bookkeeping Act § 13).
 */
final class Periods {

    private Periods() {
    }

    /** The instant {@code amount unit} after {@code from}, in calendar terms of the company's zone. */
    static Instant plus(Instant from, int amount, PeriodUnit unit) {
        return unit.plus(from, amount);
    }

    /** The last day a bookkeeping record dated {@code at} must be kept: end of its accounting year + the period. */
    static LocalDate keptUntil(Instant at, int amount, PeriodUnit unit) {
        LocalDate yearEnd = LocalDate.of(at.atZone(VernClock.ZONE).getYear(), 12, 31);
        LocalDate until = switch (unit) {
            case DAYS -> yearEnd.plusDays(amount);
            case MONTHS -> yearEnd.plusMonths(amount);
            case YEARS -> yearEnd.plusYears(amount);
        };
        // Dec 31 + 6 months is June 30; Dec 31 + n years stays Dec 31: the last day of the kept period.
        return unit == PeriodUnit.DAYS ? until : until.withDayOfMonth(until.lengthOfMonth());
    }

    /** When a bookkeeping record becomes due: the start of the day after it was last required. */
    static Instant bookkeepingDue(Instant at, int amount, PeriodUnit unit) {
        return keptUntil(at, amount, unit).plusDays(1).atStartOfDay(VernClock.ZONE).toInstant();
    }

    /** The date of an instant in the company's zone, for reasons and pages. */
    static LocalDate date(Instant at) {
        return at.atZone(VernClock.ZONE).toLocalDate();
    }
}
