package no.vern.breach.web;

import java.time.Duration;
import java.time.Instant;

import no.vern.breach.Breach;
import no.vern.shared.Countdown;

/** What the 72-hour clock shows on pages: time left as hours and minutes, and whether it is urgent or overdue. */
final class ClockView {

    private final Instant now;

    ClockView(Instant now) {
        this.now = now;
    }

    public String left(Breach b) {
        Duration left = b.timeLeft(now);
        String sign = left.isNegative() ? "-" : "";
        Duration abs = left.abs();
        return sign + abs.toHours() + " h " + abs.toMinutesPart() + " min";
    }

    /** Whether the clock runs with 24 hours or less left (amber or red, {@link Countdown}). */
    public boolean urgent(Breach b) {
        return b.clockRunning() && countdown(b) != Countdown.CALM;
    }

    /** The colour of the running clock by the one countdown rule: amber from 24 h left, red from 12 h. */
    public Countdown countdown(Breach b) {
        return Countdown.of(b.timeLeft(now));
    }

    public boolean overdue(Breach b) {
        return b.overdue(now);
    }
}
