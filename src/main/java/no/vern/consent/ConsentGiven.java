package no.vern.consent;

import no.vern.shared.SubjectId;

/**
 * A consent was given or renewed (GDPR Art. 7(1)); published in the transaction that records it. Ids only.
 *
 * @param subject the subject
 * @param purposeKey the purpose consented to
 */
public record ConsentGiven(SubjectId subject, String purposeKey) {
}
