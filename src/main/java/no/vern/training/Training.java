package no.vern.training;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import no.vern.identity.Role;

/**
 * A privacy training staff must take: which roles need it and how often it must be renewed.
 *
 * @param id opaque id
 * @param title what the training is called
 * @param version version of the material (a new version is a new training)
 * @param materialUrl where the material is
 * @param requiredFor roles that must take it
 * @param renewalMonths months a completion stays valid
 * @param createdAt when it was defined
 */
public record Training(UUID id, String title, String version, String materialUrl, Set<Role> requiredFor,
        int renewalMonths, Instant createdAt) {

    public Training {
        requiredFor = Set.copyOf(requiredFor);
    }

    /** The date until which a completion on the given date is valid (exclusive). */
    public LocalDate validUntil(LocalDate completedOn) {
        return completedOn.plusMonths(renewalMonths);
    }

    /** Whether staff with any of these roles must take it. */
    public boolean requiredForAny(Set<Role> roles) {
        return roles.stream().anyMatch(requiredFor::contains);
    }
}
