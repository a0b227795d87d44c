package no.vern.training;

import java.time.LocalDate;

/**
 * The completion rate on one day: required staff-training pairs and how many were current.
 *
 * @param on the day
 * @param required pairs of (staff member, required training)
 * @param current of those, with a valid completion on that day
 */
public record RatePoint(LocalDate on, int required, int current) {

    /** Percentage 0–100; 100 when nothing was required. */
    public int percent() {
        return required == 0 ? 100 : (int) Math.round(100.0 * current / required);
    }
}
