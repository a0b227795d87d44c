package no.vern.events;

import java.util.UUID;

import no.vern.shared.SubjectId;

/**
 * The outcome of a sign-up.
 *
 * @param registrationId the registration
 * @param subject the participant's subject id in the register
 * @param status a seat or the waiting list
 * @param cancelUrl the signed cancel link sent in the confirmation
 */
public record SignUpResult(UUID registrationId, SubjectId subject, RegistrationStatus status, String cancelUrl) {
}
