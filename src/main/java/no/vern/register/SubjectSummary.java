package no.vern.register;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import no.vern.processing.SubjectKind;
import no.vern.shared.SubjectId;

/**
 * What may be shown about a subject without a purpose: id, kinds, organisation, version, times.
 * Holds no personal data.
 *
 * @param id the subject id
 * @param kinds its kinds
 * @param organisation its organisation, or null
 * @param version the version for optimistic concurrency (ETag)
 * @param createdAt when it was registered
 * @param updatedAt when it last changed
 */
public record SubjectSummary(SubjectId id, Set<SubjectKind> kinds, @Nullable Organisation organisation, long version,
        Instant createdAt, Instant updatedAt) {

    public SubjectSummary {
        kinds = Set.copyOf(kinds);
    }
}
