package no.vern.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The countdown colours of a running deadline (the breach clock of GDPR Art. 33(1), a request's Art. 12(3) month). */
class CountdownTest {

    @Test
    void moreThanADayLeftIsCalm() {
        assertThat(Countdown.of(Duration.ofHours(60))).isEqualTo(Countdown.CALM);
        assertThat(Countdown.of(Duration.ofHours(24).plusSeconds(1))).isEqualTo(Countdown.CALM);
    }

    @Test
    void twentyFourHoursLeftTurnsAmber() {
        assertThat(Countdown.of(Duration.ofHours(24))).isEqualTo(Countdown.AMBER);
        assertThat(Countdown.of(Duration.ofHours(20))).isEqualTo(Countdown.AMBER);
        assertThat(Countdown.of(Duration.ofHours(12).plusSeconds(1))).isEqualTo(Countdown.AMBER);
    }

    @Test
    void twelveHoursLeftTurnsRed() {
        assertThat(Countdown.of(Duration.ofHours(12))).isEqualTo(Countdown.RED);
        assertThat(Countdown.of(Duration.ofHours(11))).isEqualTo(Countdown.RED);
        assertThat(Countdown.of(Duration.ZERO)).isEqualTo(Countdown.RED);
    }

    @Test
    void aPassedDeadlineIsOverdue() {
        assertThat(Countdown.of(Duration.ofSeconds(-1))).isEqualTo(Countdown.OVERDUE);
        assertThat(Countdown.of(Duration.ofHours(-30))).isEqualTo(Countdown.OVERDUE);
    }

    @Test
    void onlyRedAndOverdueInterrupt() {
        assertThat(Countdown.CALM.alarming()).isFalse();
        assertThat(Countdown.AMBER.alarming()).isFalse();
        assertThat(Countdown.RED.alarming()).isTrue();
        assertThat(Countdown.OVERDUE.alarming()).isTrue();
        assertThat(Countdown.AMBER.cssClass()).isEqualTo("countdown-amber");
    }

    @Test
    void timeLeftIsSaidInHoursUnderTwoDaysAndInDaysAfter() {
        assertThat(Countdown.leftKey(Duration.ofHours(20))).isEqualTo("countdown.left.hours");
        assertThat(Countdown.leftAmount(Duration.ofMinutes(20 * 60 + 59))).isEqualTo(20);
        assertThat(Countdown.leftKey(Duration.ofHours(60))).isEqualTo("countdown.left.days");
        assertThat(Countdown.leftAmount(Duration.ofHours(60))).isEqualTo(2);
        assertThat(Countdown.leftKey(Duration.ofHours(-3))).isEqualTo("countdown.left.overdueHours");
        assertThat(Countdown.leftAmount(Duration.ofHours(-3))).isEqualTo(3);
        assertThat(Countdown.leftKey(Duration.ofDays(-5))).isEqualTo("countdown.left.overdueDays");
    }
}
