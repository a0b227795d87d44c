package no.vern.shared;

import java.time.Duration;

/**
 * The one rule for how urgent a running legal deadline looks on a page (the breach's 72 hours of GDPR
 * Art. 33(1), a request's month of Art. 12(3)): calm while more than a day is left, amber from 24 hours
 * left, red from 12 hours left, and overdue once the deadline has passed. Pages colour their sticky
 * countdown by it; nothing else decides the colour.
 */
public enum Countdown {
    /** More than 24 hours left. */
    CALM,
    /** 24 hours or less left, more than 12. */
    AMBER,
    /** 12 hours or less left. */
    RED,
    /** The deadline has passed. */
    OVERDUE;

    /** From this much time left the countdown turns amber. */
    public static final Duration AMBER_FROM = Duration.ofHours(24);
    /** From this much time left the countdown turns red. */
    public static final Duration RED_FROM = Duration.ofHours(12);

    /** The level for the time left until a deadline (negative when it has passed). */
    public static Countdown of(Duration left) {
        if (left.isNegative()) {
            return OVERDUE;
        }
        if (left.compareTo(RED_FROM) <= 0) {
            return RED;
        }
        if (left.compareTo(AMBER_FROM) <= 0) {
            return AMBER;
        }
        return CALM;
    }

    /**
     * The message key saying how long is left (in the shared bundle): {@code countdown.left.hours} under two days,
     * {@code countdown.left.days} after, {@code countdown.left.overdueHours} / {@code countdown.left.overdueDays}
     * once passed. The one phrasing of time left on pages.
     */
    public static String leftKey(Duration left) {
        boolean hours = left.abs().compareTo(Duration.ofHours(48)) < 0;
        return "countdown.left." + (left.isNegative() ? (hours ? "overdueHours" : "overdueDays") : (hours ? "hours" : "days"));
    }

    /** The number in {@link #leftKey(Duration)}: whole hours or days, rounded down, never negative. */
    public static long leftAmount(Duration left) {
        Duration abs = left.abs();
        return abs.compareTo(Duration.ofHours(48)) < 0 ? abs.toHours() : abs.toDays();
    }

    /** The CSS class of a countdown at this level ({@code countdown-amber}). */
    public String cssClass() {
        return "countdown-" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the page should interrupt (an alert rather than a status). */
    public boolean alarming() {
        return this == RED || this == OVERDUE;
    }
}
