package no.vern.identity.internal;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords, RFC 6238 (TOTP) over RFC 4226 (HOTP): HMAC-SHA1, 30-second steps from the Unix
 * epoch, six digits, as every authenticator app reads from an {@code otpauth://} URI. Pure functions; checked
 * against the test vectors of RFC 6238 Appendix B.
 */
final class Totp {

    /** RFC 6238 section 4.1: X, the time step. */
    static final long STEP_SECONDS = 30;
    static final int DIGITS = 6;
    /** Codes of the step before and after are accepted too (RFC 6238 section 5.2: clock drift). */
    static final int DRIFT_STEPS = 1;
    /** 160-bit secrets, the length RFC 4226 section 4 recommends for HMAC-SHA1. */
    static final int SECRET_BYTES = 20;

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final long[] POWERS = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000 };

    private Totp() {
    }

    /** RFC 6238 section 4.2: T = floor((now - T0) / X) with T0 = 0. */
    static long step(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
    }

    /**
     * RFC 4226 section 5.3 (HOTP with dynamic truncation) over the step counter, RFC 6238 section 4.
     *
     * @param algorithm {@code HmacSHA1}, {@code HmacSHA256} or {@code HmacSHA512}
     */
    static String code(byte[] secret, long step, int digits, String algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, "RAW"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            long otp = binary % POWERS[digits];
            return String.format(Locale.ROOT, "%0" + digits + "d", otp);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC not available: " + algorithm, e);
        }
    }

    /** The code an authenticator app shows for this secret in this step (HMAC-SHA1, six digits). */
    static String code(byte[] secret, long step) {
        return code(secret, step, DIGITS, "HmacSHA1");
    }

    /**
     * The step whose code was typed, searching the current step and {@link #DRIFT_STEPS} on either side (compared in
     * constant time); empty when none matches or the input is not six digits.
     */
    static OptionalLong matchingStep(byte[] secret, String typed, Instant now) {
        String code = typed == null ? "" : typed.replace(" ", "").strip();
        if (!code.matches("[0-9]{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = step(now);
        OptionalLong found = OptionalLong.empty();
        for (long s = current - DRIFT_STEPS; s <= current + DRIFT_STEPS; s++) {
            if (MessageDigest.isEqual(code(secret, s).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII)) && found.isEmpty()) {
                found = OptionalLong.of(s);
            }
        }
        return found;
    }

    /** RFC 4648 base32 without padding, the form authenticator apps take a secret in. */
    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /**
     * The key URI authenticator apps read (the de-facto {@code otpauth://totp/} format): issuer "Vern", the
     * username as account name, SHA1, six digits, 30 seconds.
     */
    static String uri(String username, byte[] secret) {
        String label = enc("Vern") + ":" + enc(username);
        return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + enc("Vern")
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
