package no.vern.consent.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.shared.IdSigner;

/**
 * Signs and checks one-click withdrawal tokens ({@code <receipt id>.<HMAC-SHA256(receipt id)>}) and, in a
 * domain of their own, consent-request tokens for pending data, through {@link IdSigner}. The key is
 * {@code vern.consent.link-key} when set, otherwise the one stored in {@code consent_link_key}.
 */
@Component
class LinkSigner {

    private static final String PENDING = "pending:";

    private final IdSigner signer;

    LinkSigner(JdbcClient jdbc, Clock clock, @Value("${vern.consent.link-key:}") String configured) {
        this.signer = new IdSigner(jdbc, clock, "consent_link_key", "vern.consent.link-key", configured);
    }

    /** The token for a receipt. */
    String sign(UUID receiptId) {
        return signer.sign(receiptId);
    }

    /** The token of a consent request for pending data (its own domain: never valid as a receipt token). */
    String signPending(UUID pendingId) {
        return signer.sign(PENDING, pendingId);
    }

    /** The receipt id of a token whose signature is valid. */
    Optional<UUID> verify(String token) {
        return signer.verify(token);
    }

    /** The pending item of a consent-request token whose signature is valid. */
    Optional<UUID> verifyPending(String token) {
        return signer.verify(PENDING, token);
    }
}
