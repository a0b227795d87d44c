package no.vern.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

import no.vern.shared.VernClock;

/** The deadline arithmetic of GDPR Art. 12(3), without a database. */
class RequestDeadlineTests {

    private static ZonedDateTime oslo(Instant instant) {
        return instant.atZone(VernClock.ZONE);
    }

    @Test
    void art12_3_dueOneCalendarMonthAfterReceiptClampedTo28FebruaryAtTheEndOfThatDayInOslo() {
        // GDPR Art. 12(3): "within one month of receipt"; 31 January has no 31 February, so 28 February.
        Instant due = Deadlines.due(Instant.parse("2026-01-31T10:00:00Z"));
        assertThat(due).isEqualTo(Instant.parse("2026-02-28T22:59:59Z"));
        assertThat(oslo(due).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-02-28T23:59:59"));
    }

    @Test
    void art12_3_inALeapYear31JanuaryGives29February() {
        assertThat(oslo(Deadlines.due(Instant.parse("2028-01-31T09:00:00Z"))).toLocalDate())
                .hasToString("2028-02-29");
    }

    @Test
    void art12_3_theDayOfReceiptIsTheDayInNorwayNotInUtc() {
        // 23:30 UTC on 31 January is already 1 February in Oslo: due 1 March.
        assertThat(oslo(Deadlines.due(Instant.parse("2026-01-31T23:30:00Z"))).toLocalDate()).hasToString("2026-03-01");
    }

    @Test
    void art12_3_anOrdinaryDateIsDueOnTheSameDayNextMonthAcrossSummerTime() {
        Instant due = Deadlines.due(Instant.parse("2026-03-15T08:00:00Z"));
        assertThat(oslo(due).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-04-15T23:59:59"));
        assertThat(due).isEqualTo(Instant.parse("2026-04-15T21:59:59Z"));
    }

    @Test
    void art12_3_extensionByTwoFurtherMonthsIsCountedFromReceiptAndClamped() {
        assertThat(oslo(Deadlines.extendedDue(Instant.parse("2025-11-30T10:00:00Z"), 2)).toLocalDate())
                .hasToString("2026-02-28");
        assertThat(oslo(Deadlines.extendedDue(Instant.parse("2026-01-31T10:00:00Z"), 1)).toLocalDate())
                .hasToString("2026-03-31");
    }

    @Test
    void art12_3_noExtensionBeyondTwoFurtherMonths() {
        assertThatThrownBy(() -> Deadlines.extendedDue(Instant.parse("2026-01-31T10:00:00Z"), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Deadlines.extendedDue(Instant.parse("2026-01-31T10:00:00Z"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void art12_3_extensionMayOnlyBeGivenWithinTheFirstMonth() {
        Instant received = Instant.parse("2026-01-31T10:00:00Z");
        assertThat(Deadlines.mayExtendAt(received, Instant.parse("2026-02-28T22:59:59Z"))).isTrue();
        assertThat(Deadlines.mayExtendAt(received, Instant.parse("2026-02-28T23:00:00Z"))).isFalse();
        assertThat(Deadlines.mayExtendAt(received, Instant.parse("2026-03-10T10:00:00Z"))).isFalse();
    }

    @Test
    void dashboardWarnsAtSevenAndTwoDaysAndWhenOverdue() {
        Instant received = Instant.parse("2026-01-31T10:00:00Z");
        RequestCase c = new RequestCase(RequestId.random(), RequestKind.ACCESS, RequestChannel.EMAIL,
                RequestStatus.IN_PROGRESS, no.vern.shared.SubjectId.random(), false, "nb", received,
                Deadlines.due(received), null, null, null, null, null, null, 0);
        assertThat(c.warning(Instant.parse("2026-02-10T10:00:00Z"))).isEmpty();
        assertThat(c.warning(Instant.parse("2026-02-22T10:00:00Z"))).isEqualTo("7d");
        assertThat(c.warning(Instant.parse("2026-02-27T10:00:00Z"))).isEqualTo("2d");
        assertThat(c.warning(Instant.parse("2026-03-01T10:00:00Z"))).isEqualTo("overdue");
    }
}
