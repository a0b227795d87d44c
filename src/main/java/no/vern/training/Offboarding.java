package no.vern.training;

import java.util.UUID;

/**
 * What disabling a leaver did at once.
 *
 * @param staffId the account
 * @param tokensRevoked API tokens the leaver had issued, now revoked
 */
public record Offboarding(UUID staffId, int tokensRevoked) {
}
