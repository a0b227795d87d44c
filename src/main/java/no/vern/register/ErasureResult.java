package no.vern.register;

import no.vern.shared.SubjectId;

/**
 * What an erasure did, in ids and flags only. The subject's data is unreadable once its key is destroyed; the
 * ciphertext rows that remain are deleted by the register's erasure recovery job within a minute or so, so an
 * erasure says that they are pending, never that they are gone.
 *
 * @param subject the erased subject
 * @param alreadyErased whether it had been erased completely before (the call changed nothing)
 * @param rowsPending whether the subject's ciphertext rows (records, attachments) still wait for the background
 *        deletion when the call returns
 */
public record ErasureResult(SubjectId subject, boolean alreadyErased, boolean rowsPending) {
}
