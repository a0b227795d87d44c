package no.vern.consent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * The consent ledger: records consents and withdrawals as append-only events, answers what is in
 * force now, and proves what the person saw (GDPR Art. 7(1)) and that withdrawing was as easy as
 * consenting (Art. 7(3)).
 */
public interface ConsentLedger {

    /**
     * Records a consent before anything is stored about the person (S4) and returns its receipt; fails
     * with {@link no.vern.processing.UnknownPurpose}, {@link NotConsentBased}, {@link StaleNotice} or
     * {@link no.vern.shared.InvalidInput}. Sends the receipt if the command carries an email address.
     */
    ConsentReceipt give(GiveConsent command);

    /**
     * Withdraws the subject's consent for a purpose, effective for the gate at once; publishes
     * {@link ConsentWithdrawn}. Withdrawing what is not in force changes nothing; an unknown consent is NotFound.
     */
    void withdraw(SubjectId subject, String purposeKey, Channel channel, @Nullable String reason);

    /** Withdraws the consent a receipt belongs to (the one-click link, the API); returns its subject and purpose. */
    ConsentState withdrawReceipt(UUID receiptId, Channel channel, @Nullable String reason);

    /** The current state of one consent, if any event exists for it. */
    Optional<ConsentState> current(SubjectId subject, String purposeKey);

    /** The current state of every consent of a subject, by purpose. */
    List<ConsentState> currentOf(SubjectId subject);

    /** Every event of a subject, oldest first. */
    List<ConsentEventView> history(SubjectId subject);

    /** Consents in force and expiring within 30 days, for every consent-based purpose of the record. */
    List<PurposeCount> counts();

    /**
     * Whether any subject with this email address has a consent in force for the purpose; answers a
     * yes or no only and never keeps or logs the address.
     */
    boolean allowedForEmail(String email, String purposeKey);

    /** The receipt of a consent event; NotFound for an unknown id. */
    ConsentReceiptDocument receipt(UUID receiptId);

    /** The receipt id a signed withdrawal-link token stands for, if the signature is valid. */
    Optional<UUID> receiptOfToken(String token);

    /** The one-click withdrawal page of a receipt in a language (Norwegian, or English for {@code en}). */
    String withdrawUrl(UUID receiptId, Locale language);
}
