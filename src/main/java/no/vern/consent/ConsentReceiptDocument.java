package no.vern.consent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A consent receipt after ISO/IEC TS 27560 and the Kantara Consent Receipt: what the person consented
 * to, with whom, on which notice, and how to withdraw; given to the person and served as JSON.
 *
 * @param receiptId the receipt's id
 * @param version the receipt format version
 * @param timestamp when the consent was recorded
 * @param jurisdiction where the controller is established (ISO 3166 code)
 * @param language the language of the notice shown
 * @param piiPrincipalId the subject's pseudonymous id (never a name or email)
 * @param consentType how consent was expressed
 * @param channel how the consent reached the controller
 * @param controller who the controller is and how to reach it
 * @param purposes what was consented to
 * @param notice the notice the person saw
 * @param expiresAt when the consent lapses, or null
 * @param status the consent's current status
 * @param withdrawal how to withdraw
 * @param policyUrl the published privacy policy
 */
public record ConsentReceiptDocument(UUID receiptId, String version, Instant timestamp, String jurisdiction,
        String language, String piiPrincipalId, String consentType, Channel channel, Controller controller,
        List<PurposeEntry> purposes, Notice notice, @Nullable Instant expiresAt, ConsentEventType status,
        Withdrawal withdrawal, String policyUrl) {

    /** Receipt format version of this record. */
    public static final String FORMAT = "vern-consent-receipt-1.0 (ISO/IEC TS 27560, Kantara CR 1.1)";

    public ConsentReceiptDocument {
        purposes = List.copyOf(purposes);
    }

    /**
     * The controller (GDPR Art. 13(1)(a)).
     *
     * @param name name of the controller
     * @param organisationNumber Norwegian organisation number, if known
     * @param address postal address, if any
     * @param email contact email
     * @param phone contact phone, if published
     * @param website web site, if any
     */
    public record Controller(String name, @Nullable String organisationNumber, @Nullable String address, String email,
            @Nullable String phone, @Nullable String website) {
    }

    /**
     * One purpose consented to.
     *
     * @param key stable purpose key
     * @param name name in the receipt's language
     * @param legalBasis the legal basis (CONSENT)
     * @param article the GDPR article of the basis
     * @param dataCategories the personal-data categories processed for it
     */
    public record PurposeEntry(String key, String name, String legalBasis, String article,
            List<DataCategoryEntry> dataCategories) {
    }

    /**
     * A personal-data category.
     *
     * @param key stable key
     * @param name name in the receipt's language
     */
    public record DataCategoryEntry(String key, String name) {
    }

    /**
     * The notice shown (GDPR Art. 7(1)).
     *
     * @param version the record version the notice came from
     * @param sha256 SHA-256 hex of the exact text shown
     * @param language its language
     */
    public record Notice(int version, String sha256, String language) {
    }

    /**
     * How to withdraw, as easily as consent was given (GDPR Art. 7(3)).
     *
     * @param url the one-click withdrawal page
     * @param description how it works, in the receipt's language
     */
    public record Withdrawal(String url, String description) {
    }
}
