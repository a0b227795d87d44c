package no.vern.connectors.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * HMAC-SHA256 request signing for webhooks, both ways: {@code X-Vern-Timestamp} (epoch seconds) and
 * {@code X-Vern-Signature: v1=<hex HMAC(secret, timestamp + "." + body)>}; a signature is accepted only
 * within the replay window around the timestamp (exact replays inside the window are refused by the
 * callback endpoint, which remembers accepted signatures).
 */
final class Signatures {

    static final String TIMESTAMP_HEADER = "X-Vern-Timestamp";
    static final String SIGNATURE_HEADER = "X-Vern-Signature";
    static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);

    private Signatures() {
    }

    /** The header value {@code v1=<hex>} for a body signed at a time. */
    static String sign(byte[] secret, long epochSeconds, byte[] body) {
        return "v1=" + HexFormat.of().formatHex(mac(secret, epochSeconds, body));
    }

    /** Why a signed message is refused, or null if the signature is valid and fresh. */
    static @Nullable String refusal(byte[] secret, @Nullable String timestamp, @Nullable String signature, byte[] body,
            Instant now) {
        if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}") || !signature.startsWith("v1=")) {
            return "missing or malformed signature headers";
        }
        long seconds = Long.parseLong(timestamp);
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), now).abs();
        if (skew.compareTo(REPLAY_WINDOW) > 0) {
            return "timestamp outside the replay window";
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring(3));
        } catch (IllegalArgumentException e) {
            return "malformed signature";
        }
        if (!MessageDigest.isEqual(given, mac(secret, seconds, body))) {
            return "signature does not match";
        }
        return null;
    }

    private static byte[] mac(byte[] secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
