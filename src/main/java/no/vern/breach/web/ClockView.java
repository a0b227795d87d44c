package no.vern.breach.web;

import java.time.Duration;
import java.time.Instant;

import no.vern.breach.Breach;

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

    public boolean urgent(Breach b) {
        return b.clockRunning() && b.timeLeft(now).toHours() < 24;
    }

    public boolean overdue(Breach b) {
        return b.overdue(now);
    }
}
