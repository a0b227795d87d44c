package no.vern.shared;

import java.time.ZoneId;

/** The company's time zone: deadlines and retention dates are computed in it (docs/developing.md, "Time and deadlines"). */
public final class VernClock {

    /** Europe/Oslo; GDPR months and bookkeeping years are counted in this zone. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Oslo");

    private VernClock() {
    }
}
