package no.vern.communications.internal;

import java.nio.ByteBuffer;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/**
 * Personal unsubscribe tokens: {@code base64url(list id ∥ subject id) . base64url(HMAC-SHA256)}, so a
 * link names one person and one list, cannot be guessed and cannot be changed to stop someone else's
 * mail. The key is {@code vern.communications.link-key} when set, otherwise a random key stored once
 * in {@code communications_link_key} and shared by every node.
 */
@Component
class UnsubscribeTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** What a valid token stands for. */
    record Target(UUID listId, SubjectId subject) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String configured;
    private byte @Nullable [] key;

    UnsubscribeTokens(JdbcClient jdbc, Clock clock, CommunicationsProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.configured = properties.linkKey();
    }

    String sign(UUID listId, SubjectId subject) {
        byte[] ids = ByteBuffer.allocate(32).putLong(listId.getMostSignificantBits())
                .putLong(listId.getLeastSignificantBits()).putLong(subject.value().getMostSignificantBits())
                .putLong(subject.value().getLeastSignificantBits()).array();
        return B64.encodeToString(ids) + "." + B64.encodeToString(mac(ids));
    }

    Optional<Target> verify(String token) {
        int dot = token.indexOf('.');
        if (token.length() > 100 || dot != 43) {
            return Optional.empty();
        }
        byte[] ids;
        byte[] given;
        try {
            ids = B64D.decode(token.substring(0, dot));
            given = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (ids.length != 32 || !MessageDigest.isEqual(mac(ids), given)) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(ids);
        return Optional.of(new Target(new UUID(b.getLong(), b.getLong()), new SubjectId(new UUID(b.getLong(), b.getLong()))));
    }

    private byte[] mac(byte[] ids) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key(), ALGORITHM));
            mac.update("vern-unsubscribe-v1".getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(ids);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private synchronized byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = configured.isBlank() ? stored() : decode(configured);
            key = k;
        }
        return k;
    }

    private static byte[] decode(String configured) {
        byte[] bytes = Base64.getDecoder().decode(configured.strip());
        if (bytes.length < 32) {
            throw new IllegalStateException("vern.communications.link-key must be at least 32 bytes (base64)");
        }
        return bytes;
    }

    private byte[] stored() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        // The first node to start wins; the others read the same key.
        jdbc.sql("""
                INSERT INTO communications_link_key (id, secret, created_at) VALUES (1, :secret, :at)
                ON CONFLICT (id) DO NOTHING""").param("secret", fresh).param("at", JdbcTime.param(clock.instant())).update();
        return jdbc.sql("SELECT secret FROM communications_link_key WHERE id = 1").query(byte[].class).single();
    }
}
