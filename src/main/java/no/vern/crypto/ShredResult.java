package no.vern.crypto;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * What one {@link CryptoShredder#shred} call did, so that callers can log counts and ids only.
 *
 * @param subject the subject whose key is gone
 * @param keyId the destroyed key's id, or null if the subject never had a key
 * @param keyDestroyed whether this call deleted a wrapped key (false on a repeated shred)
 * @param alreadyInLedger whether the ledger already held the subject (a repeated or resumed shred)
 * @param shreddedAt when the subject entered the ledger
 */
public record ShredResult(SubjectId subject, @Nullable UUID keyId, boolean keyDestroyed, boolean alreadyInLedger,
        Instant shreddedAt) {

    /** Whether this call changed nothing (the subject was shredded completely before). */
    public boolean noOp() {
        return alreadyInLedger && !keyDestroyed;
    }
}
