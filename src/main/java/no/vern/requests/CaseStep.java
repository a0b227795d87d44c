package no.vern.requests;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a request stands as the handler works it (issue 23 item 4): verify who asks (GDPR Art. 12(6)), collect what
 * the answer needs (the systems, the person's clarification), decide (carry it out or refuse, Art. 12(4)), answer
 * (the person is told, after the recipients of Art. 19 where they must be told first). Derived from the case, never
 * stored.
 */
public enum CaseStep {
    VERIFY, COLLECT, DECIDE, ANSWER;

    /**
     * The step the case is at, or {@code null} when it is closed (every step done).
     *
     * @param c the case
     * @param stepsUnsettled whether connected systems' steps of the case are still open
     */
    public static @org.jspecify.annotations.Nullable CaseStep current(RequestCase c, boolean stepsUnsettled) {
        if (c.closed()) {
            return null;
        }
        if (c.verifiedAt() == null) {
            return VERIFY;
        }
        return switch (c.status()) {
            case WAITING_FOR_PERSON, WAITING_FOR_SYSTEMS -> COLLECT;
            case INFORMING_RECIPIENTS -> ANSWER;
            default -> stepsUnsettled ? COLLECT : DECIDE;
        };
    }

    /** The steps of the case in order, each done, current or to do (all done once the case is closed). */
    public static List<Progress> progress(RequestCase c, boolean stepsUnsettled) {
        CaseStep current = current(c, stepsUnsettled);
        return Arrays.stream(values()).map(s -> new Progress(s, current == null || s.ordinal() < current.ordinal()
                ? Progress.DONE : s == current ? Progress.CURRENT : Progress.TODO)).toList();
    }

    /** The message key of the step's name ({@code requests.step.verify}). */
    public String labelKey() {
        return "requests.step." + name().toLowerCase(Locale.ROOT);
    }

    /**
     * One step of the stepper.
     *
     * @param step the step
     * @param state {@code done}, {@code current} or {@code todo}
     */
    public record Progress(CaseStep step, String state) {
        static final String DONE = "done";
        static final String CURRENT = "current";
        static final String TODO = "todo";

        /** The message key of the step's name. */
        public String labelKey() {
            return step.labelKey();
        }
    }
}
