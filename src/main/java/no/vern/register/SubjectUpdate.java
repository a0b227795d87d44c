package no.vern.register;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import no.vern.processing.SubjectKind;

/**
 * A change to a subject: replaces the given categories' values held for the purpose (adds them if
 * absent), and optionally the kinds and organisation; null and blank values leave things unchanged.
 *
 * @param purpose the purpose the changed records are held for
 * @param source where the new values came from
 * @param kinds the new kinds, or null
 * @param organisation the new organisation, or null
 * @param data the new values
 */
public record SubjectUpdate(String purpose, Source source, @Nullable Set<SubjectKind> kinds,
        @Nullable OrganisationInput organisation, PersonalData data) {
}
