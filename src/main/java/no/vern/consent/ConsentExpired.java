package no.vern.consent;

import no.vern.shared.SubjectId;

/**
 * A subject's consent for a purpose lapsed at its expiry time; like a withdrawal, data held only on
 * that consent has no basis any more.
 *
 * @param subject the subject
 * @param purposeKey the purpose
 */
public record ConsentExpired(SubjectId subject, String purposeKey) {
}
