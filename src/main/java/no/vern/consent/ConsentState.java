package no.vern.consent;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * The current state of one subject's consent for one purpose, as derived from the ledger.
 *
 * @param subject the subject
 * @param purposeKey the purpose
 * @param status the type of the last event
 * @param since when the last event happened
 * @param expiresAt when a given consent lapses, or null
 * @param receiptId the receipt of the consent in force (or last in force), or null
 */
public record ConsentState(SubjectId subject, String purposeKey, ConsentEventType status, Instant since,
        @Nullable Instant expiresAt, @Nullable UUID receiptId) {

    /** Whether the consent is in force at the given time (given or renewed, and not lapsed). */
    public boolean activeAt(Instant now) {
        return status.grants() && (expiresAt == null || expiresAt.isAfter(now));
    }
}
