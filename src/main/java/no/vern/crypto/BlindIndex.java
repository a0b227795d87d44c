package no.vern.crypto;

import java.util.List;

/**
 * Keyed hashes (HMAC-SHA256 truncated to 16 bytes, key separate from the master key) that let
 * email addresses and phone numbers be found without storing them in plaintext.
 *
 * <p>Callers normalise first (lower-cased email, E.164 phone). The index keyset is rotatable:
 * {@link #of} always uses the primary key, {@link #candidates} gives the value under every key so
 * lookups keep working while a re-index job rewrites stored values to the primary.
 */
public interface BlindIndex {

    /** Index of a normalised email address (kind {@code email}). */
    default byte[] email(String normalisedEmail) {
        return of("email", normalisedEmail);
    }

    /** Index of a phone number in E.164 form (kind {@code phone}). */
    default byte[] phone(String e164) {
        return of("phone", e164);
    }

    /** Index of a normalised value of the given kind under the primary index key; kinds never collide. */
    byte[] of(String kind, String normalisedValue);

    /** The value's index under every key of the index keyset, primary first (for lookups during a re-index). */
    List<byte[]> candidates(String kind, String normalisedValue);
}
