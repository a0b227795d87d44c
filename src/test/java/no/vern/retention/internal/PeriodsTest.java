package no.vern.retention.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

import no.vern.retention.PeriodUnit;
import no.vern.shared.VernClock;

/** Retention date arithmetic in Europe/Oslo (Bookkeeping Act § 13; calendar months clamped to month end). */
class PeriodsTest {

    @Test
    void primaryDocumentationIsKeptFiveYearsFromTheEndOfTheAccountingYear() {
        assertThat(Periods.keptUntil(at(2026, 3, 10), 5, PeriodUnit.YEARS)).isEqualTo(LocalDate.of(2031, 12, 31));
        assertThat(Periods.bookkeepingDue(at(2026, 3, 10), 5, PeriodUnit.YEARS))
                .isEqualTo(LocalDate.of(2032, 1, 1).atStartOfDay(VernClock.ZONE).toInstant());
    }

    @Test
    void secondaryDocumentationIsKeptThreeAndAHalfYears() {
        assertThat(Periods.keptUntil(at(2026, 3, 10), 42, PeriodUnit.MONTHS)).isEqualTo(LocalDate.of(2030, 6, 30));
    }

    @Test
    void theAccountingYearIsTheCompanysCalendarYearNotUtc() {
        // 31 Dec 23:30 in Oslo is 22:30 UTC: still 2026. 1 Jan 00:30 in Oslo is 31 Dec 23:30 UTC: already 2027.
        Instant lateOnNewYearsEve = LocalDate.of(2026, 12, 31).atTime(23, 30).atZone(VernClock.ZONE).toInstant();
        Instant earlyOnNewYearsDay = LocalDate.of(2027, 1, 1).atTime(0, 30).atZone(VernClock.ZONE).toInstant();
        assertThat(Periods.keptUntil(lateOnNewYearsEve, 5, PeriodUnit.YEARS)).isEqualTo(LocalDate.of(2031, 12, 31));
        assertThat(Periods.keptUntil(earlyOnNewYearsDay, 5, PeriodUnit.YEARS)).isEqualTo(LocalDate.of(2032, 12, 31));
    }

    @Test
    void monthsAreCalendarMonthsClampedToTheMonthsEnd() {
        assertThat(Periods.date(Periods.plus(at(2027, 8, 31), 6, PeriodUnit.MONTHS))).isEqualTo(LocalDate.of(2028, 2, 29));
    }

    private static Instant at(int y, int m, int d) {
        return LocalDate.of(y, m, d).atTime(LocalTime.NOON).atZone(VernClock.ZONE).toInstant();
    }
}
