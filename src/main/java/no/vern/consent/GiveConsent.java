package no.vern.consent;

import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * A consent to record: who (or a new subject), for which purpose, through which channel, and which
 * notice the person saw; recorded before anything is stored about them (S4).
 *
 * @param subject the subject, or null to allocate a new id (consent comes before storage)
 * @param purposeKey the purpose consented to; its legal basis must be consent
 * @param channel how the consent was given
 * @param language the language of the notice shown
 * @param noticeVersion the notice version the person saw, or null for the current one
 * @param noticeHash the SHA-256 (hex) of the notice text the person saw, or null for the current one
 * @param expiresAt when the consent lapses, or null for no expiry
 * @param email where to send the receipt, or null; used only to send, never stored or logged
 */
public record GiveConsent(@Nullable SubjectId subject, String purposeKey, Channel channel, Locale language,
        @Nullable Integer noticeVersion, @Nullable String noticeHash, @Nullable Instant expiresAt,
        @Nullable String email) {

    /** A consent for the current notice, without expiry or receipt email. */
    public static GiveConsent of(@Nullable SubjectId subject, String purposeKey, Channel channel, Locale language) {
        return new GiveConsent(subject, purposeKey, channel, language, null, null, null, null);
    }

    /** The same consent with the receipt sent to this address. */
    public GiveConsent withEmail(@Nullable String address) {
        return new GiveConsent(subject, purposeKey, channel, language, noticeVersion, noticeHash, expiresAt, address);
    }

    /** The same consent, stating the notice the person saw. */
    public GiveConsent withNotice(@Nullable Integer version, @Nullable String sha256) {
        return new GiveConsent(subject, purposeKey, channel, language, version, sha256, expiresAt, email);
    }

    /** The same consent, lapsing at the given time. */
    public GiveConsent expiringAt(@Nullable Instant at) {
        return new GiveConsent(subject, purposeKey, channel, language, noticeVersion, noticeHash, at, email);
    }

    @Override
    public String toString() {
        return "GiveConsent[" + subject + ", " + purposeKey + ", " + channel + ", email="
                + (email == null ? "none" : "***") + "]";
    }
}
