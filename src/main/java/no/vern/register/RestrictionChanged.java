package no.vern.register;

import no.vern.shared.SubjectId;

/**
 * Processing of a subject was restricted or the restriction lifted (GDPR Art. 18); published in the transaction
 * that changes it. Ids only.
 *
 * @param subject the subject
 * @param restricted true when a restriction was set (or changed), false when it was lifted
 */
public record RestrictionChanged(SubjectId subject, boolean restricted) {
}
