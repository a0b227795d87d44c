package no.vern.requests;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking an erasure certificate's text (the public verification page and the API).
 *
 * @param result what the check found
 * @param certificate the certificate id when it is valid, else null
 * @param issuedAt when it was issued when it is valid, else null
 * @param steps what a valid certificate says about each connected system (none otherwise), to be shown in words
 */
public record CertificateCheck(Result result, @Nullable UUID certificate, @Nullable Instant issuedAt,
        List<CertifiedStep> steps) {

    public CertificateCheck {
        steps = List.copyOf(steps);
    }

    /** What a check can find. */
    public enum Result {
        /** Signed with Vern's published key over exactly this text, and issued by Vern (its hash is on record). */
        VALID,
        /** Not a certificate's text (the armour lines or the signature are missing). */
        MALFORMED,
        /** The signature does not match the text: changed, or not signed with the published key. */
        BAD_SIGNATURE,
        /** The signature matches, but no certificate with this hash was issued. */
        NOT_ISSUED;

        /** Whether the certificate holds. */
        public boolean valid() {
            return this == VALID;
        }
    }

    public static CertificateCheck of(Result result) {
        return new CertificateCheck(result, null, null, List.of());
    }
}
