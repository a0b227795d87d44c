package no.vern.training;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Where one staff member stands with one required training.
 *
 * @param staffId the account
 * @param username the login name (staff console only; never in logs or audit)
 * @param training the training
 * @param completedOn latest completion, if any
 * @param dueOn when a (new) completion is due: expiry of the latest one, or the end of the grace period
 * @param state current, due soon or overdue
 */
public record TrainingStatus(UUID staffId, String username, Training training, @Nullable LocalDate completedOn,
        LocalDate dueOn, State state) {

    /** How urgent a completion is. */
    public enum State {
        CURRENT, DUE_SOON, OVERDUE
    }

    /** Whether the training has lapsed (or was never taken within the grace period). */
    public boolean overdue() {
        return state == State.OVERDUE;
    }
}
