package no.vern.processing;

import org.jspecify.annotations.Nullable;

/**
 * A category of personal data (S2) with a stable key that the register stores records under.
 *
 * @param key e.g. {@code email}, {@code cv}
 * @param name what the category holds
 * @param special whether it is a special category of personal data (GDPR Art. 9(1): health, ethnic origin,
 *        political opinions, religion, trade-union membership, genetic, biometric, sex life or orientation) or
 *        data on criminal convictions and offences (Art. 10); absent (no) in records written before the flag
 */
public record DataCategory(String key, LocalizedText name, @Nullable Boolean special) {

    /** A category that is not special. */
    public DataCategory(String key, LocalizedText name) {
        this(key, name, null);
    }

    /** Whether the record declares it a special category (Art. 9) or data on offences (Art. 10). */
    public boolean inSpecialCategory() {
        return Boolean.TRUE.equals(special);
    }
}
