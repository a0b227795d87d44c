package no.vern.training;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The privacy training register (S15, S20): which trainings staff must take, who completed them
 * when, who is overdue, and the completion rate over time; sends reminders before expiry.
 */
public interface TrainingRegister {

    /** Every training, newest first. */
    List<Training> trainings();

    /** Defines a training; audited. */
    Training define(NewTraining training);

    /** Records that a staff member completed a training on a day (not in the future); idempotent, audited. */
    void recordCompletion(UUID trainingId, UUID staffId, LocalDate completedOn);

    /** Status of every enabled staff member for every training their roles require. */
    List<TrainingStatus> statuses();

    /** Only the overdue ones. */
    default List<TrainingStatus> overdue() {
        return statuses().stream().filter(TrainingStatus::overdue).toList();
    }

    /** Whether any training required of this account has lapsed. */
    boolean lapsed(UUID staffId);

    /** The completion rate at the end of each of the last {@code months} months and today, oldest first. */
    List<RatePoint> completionRate(int months);

    /** Sends a reminder when a training becomes due soon and again when it is overdue, once each per due date; returns how many were sent. */
    int sendReminders();
}
