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
    /** When set, the clock stands still at this instant (moved only by {@link #advance}) until {@link #reset}. */
    private final AtomicReference<Instant> frozen = new AtomicReference<>();

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
        Instant still = frozen.get();
        return still != null ? still : Instant.now().plus(offset.get());
    }

    /** Moves the clock forward (or back, with a negative duration). */
    public void advance(Duration by) {
        offset.updateAndGet(d -> d.plus(by));
        frozen.updateAndGet(at -> at == null ? null : at.plus(by));
    }

    /**
     * Stops the clock where it is, so that a test of short waits (a one-second login delay) does not depend on how
     * fast a loaded machine runs it; {@link #advance} still moves it, {@link #reset} lets it run again.
     */
    public void freeze() {
        frozen.set(instant());
    }

    /** Sets the clock to this instant (it then follows real time from there). */
    public void setTo(Instant at) {
        offset.set(Duration.between(Instant.now(), at));
        frozen.updateAndGet(still -> still == null ? null : at);
    }

    /** Back to real time (and running). */
    public void reset() {
        frozen.set(null);
        offset.set(Duration.ZERO);
    }
}
