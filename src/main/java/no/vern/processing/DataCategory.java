package no.vern.processing;

/**
 * A category of personal data (S2) with a stable key that the register stores records under.
 *
 * @param key e.g. {@code email}, {@code cv}
 * @param name what the category holds
 */
public record DataCategory(String key, LocalizedText name) {
}
