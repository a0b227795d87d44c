package no.vern.communications;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * What a staff-recorded objection did: the subjects it was recorded for (none when the address is not held;
 * the address is then on the suppression list all the same) and its scope.
 *
 * @param subjects the subjects that now object
 * @param listId the list, or null for all direct marketing
 * @param addressSuppressed whether the address's keyed hash is on the suppression list
 */
public record ObjectionResult(List<SubjectId> subjects, @Nullable UUID listId, boolean addressSuppressed) {

    public ObjectionResult {
        subjects = List.copyOf(subjects);
    }
}
