package no.vern.shared;

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

/**
 * Signs ids for links a person follows without logging in (cancel a sign-up, answer a notice):
 * {@code <id>.<HMAC-SHA256(id)>}, compared in constant time. The key comes from a property when set,
 * otherwise it is created once in the calling module's own key table on first use, so every node on the
 * same database shares it. Each module keeps its own key, and a module signing for several uses gives each
 * a domain, so a token of one kind never opens another.
 */
public final class IdSigner {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static final java.util.regex.Pattern TABLE = java.util.regex.Pattern.compile("[a-z][a-z0-9_]{2,60}");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String keyTable;
    private final String property;
    private final String configured;
    private byte @Nullable [] key;

    /**
     * @param jdbc the application's database access
     * @param clock the clock for the key's creation time
     * @param keyTable the calling module's own key table ({@code id SMALLINT PRIMARY KEY, secret BYTEA, created_at})
     * @param property the name of the property that may give the key instead (for messages)
     * @param configured that property's value (base64, at least 32 bytes), or blank for the stored key
     */
    public IdSigner(JdbcClient jdbc, Clock clock, String keyTable, String property, String configured) {
        if (!TABLE.matcher(keyTable).matches()) {
            throw new IllegalArgumentException("not a table name: " + keyTable);
        }
        this.jdbc = jdbc;
        this.clock = clock;
        this.keyTable = keyTable;
        this.property = property;
        this.configured = configured;
    }

    private synchronized byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = configured.isBlank() ? storedKey() : decode();
            key = k;
        }
        return k;
    }

    /** The token for an id. */
    public String sign(UUID id) {
        return sign("", id);
    }

    /** The id of a token whose signature is valid. */
    public Optional<UUID> verify(String token) {
        return verify("", token);
    }

    /**
     * The token for an id in a signing domain (a prefix of the signed text), so that tokens of one use of
     * the same key are never valid for another.
     */
    public String sign(String domain, UUID id) {
        return id + "." + B64.encodeToString(mac(domain + id));
    }

    /** The id of a token of the domain whose signature is valid. */
    public Optional<UUID> verify(String domain, String token) {
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

    private byte[] decode() {
        byte[] bytes = Base64.getDecoder().decode(configured.strip());
        if (bytes.length < 32) {
            throw new IllegalStateException(property + " must be at least 32 bytes (base64)");
        }
        return bytes;
    }

    private byte[] storedKey() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        // The first node to start wins; the others read the same key.
        jdbc.sql("INSERT INTO " + keyTable + " (id, secret, created_at) VALUES (1, :secret, :at) ON CONFLICT (id) DO NOTHING")
                .param("secret", fresh).param("at", JdbcTime.param(clock.instant())).update();
        return jdbc.sql("SELECT secret FROM " + keyTable + " WHERE id = 1").query(byte[].class).single();
    }
}
