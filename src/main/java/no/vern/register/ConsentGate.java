package no.vern.register;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

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

    /**
     * The same rule as {@link #permits} as a SQL condition, for a bulk read that answers many subjects in one statement
     * (the eligibility API, issue 28 item 6): true where the subject in {@code subjectColumn} has a consent in force for
     * the named parameter {@code :purpose} at {@code :now} (a {@code timestamptz}). The implementation owns the text (it
     * reads its own tables); the caller only embeds it. Null where the gate cannot be answered in SQL (a stand-in gate in
     * a test): the caller then asks {@link #permittedAmong}.
     */
    default @Nullable String inForceSql(String subjectColumn) {
        return null;
    }
}
