package no.vern.register;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import no.vern.processing.SubjectKind;
import no.vern.shared.SubjectId;

/**
 * A subject to enter into the register with its first records, all held for one purpose (S12: the
 * narrowest purpose by default).
 *
 * @param id a pre-allocated id (so the consent module can record consent before storage), or null for a new one
 * @param kinds the subject's kinds, at least one
 * @param purpose the purpose key every record is held for
 * @param source where the data came from
 * @param organisation the company the person belongs to, or null
 * @param data the personal data by category
 */
public record NewSubject(@Nullable SubjectId id, Set<SubjectKind> kinds, String purpose, Source source,
        @Nullable OrganisationInput organisation, PersonalData data) {

    public NewSubject {
        kinds = Set.copyOf(kinds);
    }
}
