package no.vern.events.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.shared.IdSigner;

/**
 * Signs and checks cancel-link tokens of sign-ups ({@link IdSigner}); the key is {@code vern.events.link-key}
 * when set, otherwise the one stored in {@code events_link_key}.
 */
@Component
class CancelLinks {

    private final IdSigner signer;

    CancelLinks(JdbcClient jdbc, Clock clock, @Value("${vern.events.link-key:}") String configured) {
        this.signer = new IdSigner(jdbc, clock, "events_link_key", "vern.events.link-key", configured);
    }

    /** The token for a registration. */
    String sign(UUID registrationId) {
        return signer.sign(registrationId);
    }

    /** The registration id of a token whose signature is valid. */
    Optional<UUID> verify(String token) {
        return signer.verify(token);
    }
}
