package no.vern.events.internal;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.shared.IdSigner;

/**
 * Signs and checks cancel-link tokens of sign-ups ({@link IdSigner}); the key is {@code vern.events.link-key}
 * when set, otherwise the one stored in {@code events_link_key}; builds the cancel page's address.
 */
@Component
class CancelLinks {

    private final IdSigner signer;
    private final String baseUrl;

    CancelLinks(JdbcClient jdbc, Clock clock, @Value("${vern.events.link-key:}") String configured,
            @Value("${vern.base-url}") String baseUrl) {
        this.signer = new IdSigner(jdbc, clock, "events_link_key", "vern.events.link-key", configured);
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The page where the person cancels this registration, in their language. */
    String url(UUID registrationId, Locale language) {
        return baseUrl + "/arrangementer/avmelding/" + sign(registrationId)
                + ("en".equals(language.getLanguage()) ? "?lang=en" : "");
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
