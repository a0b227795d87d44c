package no.vern.register;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import no.vern.shared.SubjectId;

/**
 * The register's SPI for S4/S5: asked inside the register's write path before anything is stored
 * for a consent-based purpose or about a prospect, candidate or event participant. The consent
 * module implements it; without an implementation the register refuses (no consent exists).
 */
public interface ConsentGate {

    /** Whether the subject has a current, unwithdrawn consent for the purpose. */
    boolean permits(SubjectId subject, String purposeKey);

    /**
     * The subjects among these that {@link #permits} for the purpose, answered for all of them at once (the same
     * rule; an implementation answers it with one set-based read instead of one per subject). Bulk callers
     * (mailing-list audiences, the eligibility API) ask this once per page.
     */
    default Set<SubjectId> permittedAmong(Collection<SubjectId> subjects, String purposeKey) {
        Set<SubjectId> permitted = new LinkedHashSet<>();
        for (SubjectId subject : subjects) {
            if (permits(subject, purposeKey)) {
                permitted.add(subject);
            }
        }
        return permitted;
    }
}
