package no.vern.consent;

import java.util.List;

/**
 * Data that arrives before consent (S4, S5): held encrypted under a fresh subject key, the person is
 * asked by email with a signed link, and the data is moved into the register when they consent, or
 * purged by itself (crypto-shredded) after {@code vern.consent.pending-days} (default 14). Staff see
 * only that an item exists, its purpose and expiry.
 */
public interface PendingConsents {

    /**
     * Holds the data and sends the consent request; {@link no.vern.shared.InvalidInput} for a purpose
     * that is not consent-based or data without an email address, {@link no.vern.processing.UnknownPurpose}.
     */
    PendingItem hold(HoldPending command);

    /** The items the given purposes allow, newest first (no personal data). */
    List<PendingItem> list(java.util.Set<String> purposeKeys);

    /** The request behind a signed link, in a language; empty if the signature is invalid or the item unknown. */
    java.util.Optional<PendingRequest> requestOfToken(String token, java.util.Locale language);

    /**
     * The person consents on the notice shown: the consent is recorded, the data moves into the
     * register under the purpose and the pending copy is deleted; idempotent. A
     * {@link no.vern.shared.Conflict} once the item was purged or declined; {@link StaleNotice}.
     */
    void accept(java.util.UUID id, @org.jspecify.annotations.Nullable String noticeHash, java.util.Locale language);

    /** The person says no: the key is destroyed and the data deleted at once; idempotent. */
    void decline(java.util.UUID id);
}
