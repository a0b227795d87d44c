package no.vern.consent;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One ledger event as shown in a subject's timeline (no personal data: ids, hashes, channel).
 *
 * @param purposeKey the purpose
 * @param type what happened
 * @param at when
 * @param channel how it reached Vern
 * @param noticeVersion the notice version shown (consents only)
 * @param noticeHash the SHA-256 of the notice text shown (consents only)
 * @param language the notice's language (consents only)
 * @param recordedBy the actor reference that recorded it
 * @param receiptId the receipt (consents only)
 * @param expiresAt when the consent lapses (consents only)
 * @param reason why (withdrawals recorded by staff, expiry)
 */
public record ConsentEventView(String purposeKey, ConsentEventType type, Instant at, Channel channel,
        @Nullable Integer noticeVersion, @Nullable String noticeHash, @Nullable String language, String recordedBy,
        @Nullable UUID receiptId, @Nullable Instant expiresAt, @Nullable String reason) {
}
