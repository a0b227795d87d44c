package no.vern.retention;

import java.time.Instant;
import java.time.ZonedDateTime;

import no.vern.shared.VernClock;

/** The unit of a rule's period; months are calendar months clamped to the month's end (docs/developing.md). */
public enum PeriodUnit {
    DAYS, MONTHS, YEARS;

    /** The instant {@code amount} of this unit after {@code from}, in calendar terms of the company's zone. */
    public Instant plus(Instant from, int amount) {
        ZonedDateTime at = from.atZone(VernClock.ZONE);
        return switch (this) {
            case DAYS -> at.plusDays(amount).toInstant();
            case MONTHS -> at.plusMonths(amount).toInstant();
            case YEARS -> at.plusYears(amount).toInstant();
        };
    }

    /** The instant {@code amount} of this unit before {@code to}: what was recorded earlier is past the period. */
    public Instant minus(Instant to, int amount) {
        return plus(to, -amount);
    }
}
