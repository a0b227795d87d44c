package no.vern.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import no.vern.shared.VernClock;

/**
 * A clock tests can move: it follows real time from a fixed offset, so that deadlines, lockouts
 * and retention can be tested by jumping ahead instead of waiting.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public ZoneId getZone() {
        return VernClock.ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    /** Moves the clock forward (or back, with a negative duration). */
    public void advance(Duration by) {
        offset.updateAndGet(d -> d.plus(by));
    }

    /** Sets the clock to this instant (it then follows real time from there). */
    public void setTo(Instant at) {
        offset.set(Duration.between(Instant.now(), at));
    }

    /** Back to real time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }
}
