package no.vern.breach;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import no.vern.shared.VernClock;

/** The 72-hour clock of GDPR Art. 33(1): real hours from awareness, weekends and clock changes included. */
class BreachClockTests {

    static Instant oslo(String local) {
        return LocalDateTime.parse(local).atZone(VernClock.ZONE).toInstant();
    }

    static ZonedDateTime inOslo(Instant instant) {
        return instant.atZone(VernClock.ZONE);
    }

    @Test
    void deadlineRunsOverTheWeekendFromFridayAfternoonToMondayAfternoon() {
        // GDPR Art. 33(1): "not later than 72 hours after having become aware of it"; weekends count.
        Instant deadline = Breach.deadlineFor(oslo("2026-11-20T15:00"));
        assertThat(inOslo(deadline).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-11-23T15:00"));
        assertThat(inOslo(deadline).getDayOfWeek().name()).isEqualTo("MONDAY");
    }

    @Test
    void deadlineIs72RealHoursWhenTheClocksGoBackInOctober() {
        // Summer time ends Sunday 25 October 2026 at 03:00 in Oslo: the weekend has 49 hours, so 72 real
        // hours after Friday 15:00 is Monday 14:00 local time, not three calendar days later.
        Instant aware = oslo("2026-10-23T15:00");
        Instant deadline = Breach.deadlineFor(aware);
        assertThat(Duration.between(aware, deadline)).isEqualTo(Duration.ofHours(72));
        assertThat(inOslo(deadline).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-10-26T14:00"));
    }

    @Test
    void deadlineIs72RealHoursWhenTheClocksGoForwardInMarch() {
        // Summer time starts Sunday 29 March 2026 at 02:00: the weekend is one hour short.
        Instant deadline = Breach.deadlineFor(oslo("2026-03-27T15:00"));
        assertThat(inOslo(deadline).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-30T16:00"));
    }

    @Test
    void clockStopsWhenAssessedAsNoRiskOrNotified() {
        Instant aware = oslo("2026-11-20T15:00");
        Breach open = breach(aware, null, List.of());
        assertThat(open.clockRunning()).isTrue();
        assertThat(open.overdue(aware.plus(Duration.ofHours(73)))).isTrue();
        assertThat(open.status()).isEqualTo(BreachStatus.REPORTED);

        Breach noRisk = breach(aware, RiskLevel.NONE, List.of());
        assertThat(noRisk.clockRunning()).isFalse();
        assertThat(noRisk.status()).isEqualTo(BreachStatus.NOT_NOTIFIABLE);

        Breach notified = breach(aware, RiskLevel.RISK, List.of(new AuthorityNotification(NotificationPhase.INITIAL,
                aware.plus(Duration.ofHours(10)), "ref", "", "staff:kari", false)));
        assertThat(notified.clockRunning()).isFalse();
        assertThat(notified.status()).isEqualTo(BreachStatus.NOTIFIED_AUTHORITY);
    }

    @Test
    void reporterContactNeverShowsInToString() {
        NewBreach report = new NewBreach("Title", "What", null, Instant.now(), Channel.PUBLIC_FORM,
                no.vern.support.Canaries.EMAIL);
        assertThat(report.toString()).doesNotContain(no.vern.support.Canaries.EMAIL).contains("***");
    }

    static Breach breach(Instant aware, RiskLevel risk, List<AuthorityNotification> notifications) {
        return new Breach(BreachId.random(), "AVVIK-2026-0001", "t", Channel.API, "api_client:x", aware, null, aware,
                Breach.deadlineFor(aware), BreachFacts.initial("w"), List.of(), risk, "", null, null, null, "", "",
                null, null, null, notifications, List.of(), 0, null, null);
    }
}
