package no.vern.consent;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * What the caller gets back after a consent is recorded: the receipt id, the subject (new or given)
 * and the one-click withdrawal link to hand to the person (GDPR Art. 7(3)).
 *
 * @param receiptId the receipt's id
 * @param subject the subject the consent belongs to
 * @param purposeKey the purpose
 * @param type GIVEN, or RENEWED when a consent was already active
 * @param at when it was recorded
 * @param expiresAt when it lapses, or null
 * @param noticeVersion the notice version recorded
 * @param noticeHash the hash of the notice text recorded
 * @param withdrawUrl the one-click withdrawal page in the person's language
 */
public record ConsentReceipt(UUID receiptId, SubjectId subject, String purposeKey, ConsentEventType type, Instant at,
        @Nullable Instant expiresAt, int noticeVersion, String noticeHash, String withdrawUrl) {
}
