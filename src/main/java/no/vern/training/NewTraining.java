package no.vern.training;

import java.util.Set;

import no.vern.identity.Role;

/**
 * What the privacy officer enters to define a training; validated by {@link TrainingRegister#define}.
 *
 * @param title 1–120 characters
 * @param version 1–20 characters
 * @param materialUrl an https (or http) address
 * @param requiredFor at least one role
 * @param renewalMonths 1–60
 */
public record NewTraining(String title, String version, String materialUrl, Set<Role> requiredFor, int renewalMonths) {

    public NewTraining {
        requiredFor = Set.copyOf(requiredFor);
    }
}
