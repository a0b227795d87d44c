package no.vern.consent;

import java.time.Instant;
import java.util.UUID;

import no.vern.shared.SubjectId;

/**
 * What staff may know about data held before consent: that it exists, for which purpose and until
 * when; never the data itself (S4, S5).
 *
 * @param id the pending item
 * @param subject the pre-allocated subject id the data is encrypted for
 * @param purposeKey the purpose consent is asked for
 * @param status where it stands
 * @param createdAt when it was registered
 * @param expiresAt when it is purged without an answer
 */
public record PendingItem(UUID id, SubjectId subject, String purposeKey, PendingStatus status, Instant createdAt,
        Instant expiresAt) {
}
