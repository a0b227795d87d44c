package no.vern.consent;

import no.vern.shared.SubjectId;

/**
 * A subject withdrew consent for a purpose (GDPR Art. 7(3)); published after the withdrawal is in the
 * ledger, so modules holding consent-only data erase it.
 *
 * @param subject the subject
 * @param purposeKey the purpose
 */
public record ConsentWithdrawn(SubjectId subject, String purposeKey) {
}
