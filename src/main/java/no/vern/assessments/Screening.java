package no.vern.assessments;

import java.time.Instant;
import java.util.Set;

/**
 * Whether an activity needs a DPIA (GDPR Art. 35(1)), as the privacy officer screened it.
 *
 * @param activityId the activity of the record
 * @param listed the kinds on Datatilsynet's list (or in Art. 35(3)) that apply
 * @param criteria the EDPB criteria that apply
 * @param note the reasoning
 * @param screenedBy who screened it (an opaque actor reference)
 * @param screenedAt when
 */
public record Screening(String activityId, Set<ListedProcessing> listed, Set<EdpbCriterion> criteria, String note,
        String screenedBy, Instant screenedAt) {

    public Screening {
        listed = Set.copyOf(listed);
        criteria = Set.copyOf(criteria);
    }

    /** Whether a DPIA is required. */
    public boolean dpiaRequired() {
        return DpiaRules.required(listed, criteria);
    }
}
