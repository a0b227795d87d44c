package no.vern.communications;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import no.vern.processing.SubjectKind;

/**
 * A list to create.
 *
 * @param name its name
 * @param kind newsletter or invitation
 * @param purposeKey the purpose the addresses must be held for
 * @param kinds the kinds of subjects it is for
 */
public record NewList(String name, @Nullable ListKind kind, String purposeKey, Set<SubjectKind> kinds) {

    public NewList {
        kinds = Set.copyOf(kinds);
    }
}
