package no.vern.register;

import no.vern.shared.SubjectId;

/**
 * What an erasure did, in counts and ids only.
 *
 * @param subject the erased subject
 * @param alreadyErased whether it had been erased completely before (the call changed nothing)
 * @param recordsDeleted how many records this call deleted
 */
public record ErasureResult(SubjectId subject, boolean alreadyErased, int recordsDeleted) {
}
