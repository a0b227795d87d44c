package no.vern.communications;

import java.util.Set;

import no.vern.processing.SubjectKind;

/**
 * A list to create.
 *
 * @param name its name
 * @param kind newsletter or invitation
 * @param purposeKey the purpose the addresses must be held for
 * @param kinds the kinds of subjects it is for
 */
public record NewList(String name, ListKind kind, String purposeKey, Set<SubjectKind> kinds) {

    public NewList {
        kinds = Set.copyOf(kinds);
    }
}
