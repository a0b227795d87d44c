package no.vern.breach;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

import no.vern.shared.SubjectId;

/**
 * How many people and records a breach touches, and who should be told; null counts mean unknown.
 *
 * @param subjects number of people, if known
 * @param records number of records, if known
 * @param proposedSubjects the people to propose for notification
 */
@NamedInterface("spi")
public record AffectedDataEstimate(@Nullable Long subjects, @Nullable Long records, List<SubjectId> proposedSubjects) {

    public AffectedDataEstimate {
        proposedSubjects = List.copyOf(proposedSubjects);
    }

    /** Nothing can be counted (no register yet). */
    public static AffectedDataEstimate unknown() {
        return new AffectedDataEstimate(null, null, List.of());
    }

    /** Whether anything was counted. */
    public boolean known() {
        return subjects != null || records != null;
    }
}
