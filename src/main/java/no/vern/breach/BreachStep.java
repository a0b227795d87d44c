package no.vern.breach;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Where a breach stands as the privacy officer works it (issue 23 item 4): assess the risk (GDPR Art. 33(1)), decide
 * what to do and whom to tell (Art. 33(5) documents the decisions, Art. 34 the people), notify Datatilsynet within
 * 72 hours (Art. 33(1)), close. Derived from what is recorded on the breach, never stored.
 */
public enum BreachStep {
    ASSESS, DECIDE, NOTIFY, CLOSE;

    /** Whether the step is done for this breach (or needs nothing: no notification when there is no risk). */
    public boolean done(Breach b) {
        return switch (this) {
            case ASSESS -> b.risk() != null;
            case DECIDE -> b.risk() == RiskLevel.NONE
                    || b.risk() == RiskLevel.RISK && (!b.decisions().isEmpty() || b.noticeDecision() != null)
                    || b.risk() == RiskLevel.HIGH_RISK && b.noticeDecision() != null;
            case NOTIFY -> b.risk() == RiskLevel.NONE || b.authorityNotified();
            case CLOSE -> b.closedAt() != null;
        };
    }

    /** Whether the step does not apply: Datatilsynet is not notified of a breach assessed as no risk (Art. 33(1)). */
    public boolean skipped(Breach b) {
        return this == NOTIFY && b.risk() == RiskLevel.NONE;
    }

    /** The first step not yet done, or {@code null} once the breach is closed. */
    public static @Nullable BreachStep current(Breach b) {
        if (b.closedAt() != null) {
            return null;
        }
        return Arrays.stream(values()).filter(s -> !s.done(b)).findFirst().orElse(CLOSE);
    }

    /** The steps in order, each {@code done}, {@code skipped}, {@code current} or {@code todo}. */
    public static List<Progress> progress(Breach b) {
        BreachStep current = current(b);
        return Arrays.stream(values()).map(s -> new Progress(s, s == current ? "current"
                : s.skipped(b) ? "skipped" : s.done(b) ? "done" : "todo")).toList();
    }

    /** The message key of the step's name ({@code breach.step.assess}). */
    public String labelKey() {
        return "breach.step." + name().toLowerCase(Locale.ROOT);
    }

    /**
     * One step of the stepper.
     *
     * @param step the step
     * @param state {@code done}, {@code skipped}, {@code current} or {@code todo}
     */
    public record Progress(BreachStep step, String state) {

        /** The message key of the step's name. */
        public String labelKey() {
            return step.labelKey();
        }
    }
}
