package no.vern.changes.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (standardwebhooks.com, "Signature scheme"): the secret is {@code whsec_} and the
 * base64 of random bytes; the signature is the base64 of HMAC-SHA256 over {@code <webhook-id>.<webhook-timestamp>.<body>}
 * keyed with those bytes, sent as {@code v1,<signature>}. Several signatures are separated by spaces, so during a
 * rotation's overlap the old and the new secret both sign and a receiver that knows either accepts.
 */
final class WebhookSigner {

    /** The prefix of a secret as the receiver configures it. */
    static final String PREFIX = "whsec_";
    /** Bytes of a new secret (Standard Webhooks: 24 to 64). */
    static final int SECRET_BYTES = 32;

    private WebhookSigner() {
    }

    /** New random secret bytes. */
    static byte[] newKey(SecureRandom random) {
        byte[] key = new byte[SECRET_BYTES];
        random.nextBytes(key);
        return key;
    }

    /** The secret as the receiver writes it down: {@code whsec_<base64>}. */
    static String secret(byte[] key) {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** {@code v1,<base64 HMAC-SHA256(key, id.timestamp.body)>}. */
    static String signature(byte[] key, String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The {@code webhook-signature} header: one {@code v1,…} per signing key, separated by spaces. */
    static String header(List<byte[]> keys, String id, long timestampSeconds, byte[] body) {
        if (keys.isEmpty()) {
            throw new IllegalStateException("a subscription without a signing secret");
        }
        return keys.stream().map(k -> signature(k, id, timestampSeconds, body)).collect(Collectors.joining(" "));
    }
}
