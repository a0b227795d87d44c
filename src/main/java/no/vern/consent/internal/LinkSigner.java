package no.vern.consent.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.shared.JdbcTime;

/**
 * Signs and checks one-click withdrawal tokens: {@code <receipt id>.<HMAC-SHA256(receipt id)>}. The key
 * is {@code vern.consent.link-key} (base64, at least 32 bytes) when set, otherwise a random key created
 * once in {@code consent_link_key} on first start, so every node on the same database shares it.
 */
@Component
class LinkSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String PENDING = "pending:";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String configured;
    private byte @Nullable [] key;

    LinkSigner(JdbcClient jdbc, Clock clock, @Value("${vern.consent.link-key:}") String configured) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.configured = configured;
    }

    private synchronized byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = configured.isBlank() ? storedKey(jdbc, clock) : decode(configured);
            key = k;
        }
        return k;
    }

    /** The token for a receipt. */
    String sign(UUID receiptId) {
        return receiptId + "." + B64.encodeToString(mac(receiptId.toString()));
    }

    /** The token of a consent request for pending data (its own domain: never valid as a receipt token). */
    String signPending(UUID pendingId) {
        return pendingId + "." + B64.encodeToString(mac(PENDING + pendingId));
    }

    /** The receipt id of a token whose signature is valid. */
    Optional<UUID> verify(String token) {
        return verify(token, "");
    }

    /** The pending item of a consent-request token whose signature is valid. */
    Optional<UUID> verifyPending(String token) {
        return verify(token, PENDING);
    }

    private Optional<UUID> verify(String token, String domain) {
        int dot = token.indexOf('.');
        if (dot != 36 || token.length() > 100) {
            return Optional.empty();
        }
        UUID id;
        try {
            id = UUID.fromString(token.substring(0, dot));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] expected = B64.encodeToString(mac(domain + id)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) && token.substring(0, dot).equals(id.toString())
                ? Optional.of(id) : Optional.empty();
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key(), ALGORITHM));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static byte[] decode(String configured) {
        byte[] bytes = Base64.getDecoder().decode(configured.strip());
        if (bytes.length < 32) {
            throw new IllegalStateException("vern.consent.link-key must be at least 32 bytes (base64)");
        }
        return bytes;
    }

    private static byte[] storedKey(JdbcClient jdbc, Clock clock) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        // The first node to start wins; the others read the same key.
        jdbc.sql("INSERT INTO consent_link_key (id, secret, created_at) VALUES (1, :secret, :at) ON CONFLICT (id) DO NOTHING")
                .param("secret", fresh).param("at", JdbcTime.param(clock.instant())).update();
        return jdbc.sql("SELECT secret FROM consent_link_key WHERE id = 1").query(byte[].class).single();
    }
}
