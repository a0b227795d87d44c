package no.vern.informing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import no.vern.shared.VernClock;

/** The Art. 14(3) timing rule, without Spring. */
class SourceNoticeDeadlinesTest {

    private static Instant oslo(String local) {
        return LocalDateTime.parse(local).atZone(VernClock.ZONE).toInstant();
    }

    @Test
    void theDeadlineIsTheEndOfTheDayOneCalendarMonthLater() {
        // Art. 14(3)(a): "within a reasonable period ... but at the latest within one month"
        assertThat(SourceNoticeDeadlines.deadline(oslo("2026-03-10T09:15:00"))).isEqualTo(oslo("2026-04-10T23:59:59"));
    }

    @Test
    void aMonthWithoutTheDayEndsOnItsLastDay() {
        assertThat(SourceNoticeDeadlines.deadline(oslo("2027-01-31T12:00:00"))).isEqualTo(oslo("2027-02-28T23:59:59"));
    }

    @Test
    void theDayIsCountedInOsloNotUtc() {
        // 23:30 UTC on 31 March is already 1 April in Oslo (summer time)
        Instant lateUtc = Instant.parse("2026-03-31T23:30:00Z");
        assertThat(SourceNoticeDeadlines.deadline(lateUtc)).isEqualTo(oslo("2026-05-01T23:59:59"));
    }

    @Test
    void theNoticeGoesOutAfterTheConfiguredDelay() {
        Instant obtained = oslo("2026-03-10T09:15:00");
        assertThat(SourceNoticeDeadlines.sendAt(obtained, Duration.ofDays(7))).isEqualTo(obtained.plus(Duration.ofDays(7)));
    }

    @Test
    void aDelayLongerThanTheMonthIsCappedAtTheDeadline() {
        Instant obtained = oslo("2026-03-10T09:15:00");
        assertThat(SourceNoticeDeadlines.sendAt(obtained, Duration.ofDays(90))).isEqualTo(oslo("2026-04-10T23:59:59"));
    }

    @Test
    void aNegativeDelayIsRefused() {
        assertThatThrownBy(() -> SourceNoticeDeadlines.sendAt(Instant.now(), Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFirstContactBeforeThePlannedTimeBringsTheNoticeForward() {
        // Art. 14(3)(b): at the latest at the first communication
        Instant planned = oslo("2026-03-17T09:15:00");
        Instant contact = oslo("2026-03-12T10:00:00");
        assertThat(SourceNoticeDeadlines.sendAtFirstContact(planned, contact)).isEqualTo(contact);
        assertThat(SourceNoticeDeadlines.sendAtFirstContact(planned, oslo("2026-03-20T10:00:00"))).isEqualTo(planned);
    }

    @Test
    void aNoticeIsOverdueOnlyAfterTheDeadline() {
        Instant obtained = oslo("2026-03-10T09:15:00");
        assertThat(SourceNoticeDeadlines.overdue(obtained, oslo("2026-04-10T23:59:59"))).isFalse();
        assertThat(SourceNoticeDeadlines.overdue(obtained, oslo("2026-04-11T00:00:00"))).isTrue();
    }
}
