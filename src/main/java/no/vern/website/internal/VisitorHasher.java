package no.vern.website.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Estimates unique visitors without storing who they are (S16): SHA-256 of the day's salt, the IP
 * address, the user agent and the site, truncated to 16 bytes. The IP address exists only in
 * memory during this call; once the salt is destroyed the hash leads nowhere.
 */
@Component
class VisitorHasher {

    private final Salts salts;

    VisitorHasher(Salts salts) {
        this.salts = salts;
    }

    byte[] hash(String ip, String userAgent, UUID siteId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salts.todays());
            sha.update(ip.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(userAgent.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(siteId.toString().getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(sha.digest(), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }
}
