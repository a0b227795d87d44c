package no.vern.register;

import no.vern.shared.SubjectId;

/**
 * Two subjects were found to be the same person and merged (issue 20, item 5): the records of {@code from}
 * now live re-encrypted under {@code into}. Published synchronously inside the merge transaction, before the
 * key of {@code from} is destroyed, so that a module holding data under {@code from} (consents, event
 * registrations, objections, open request cases) re-points it to {@code into} in the same transaction.
 * Listeners are plain {@code @EventListener}s. Ids only.
 *
 * @param into the surviving subject
 * @param from the subject merged into it (answered as gone from now on; its key is shredded)
 */
public record SubjectsMerged(SubjectId into, SubjectId from) {
}
