package no.vern.processing;

import java.util.Locale;

/**
 * The information shown to a person before they consent to one purpose (GDPR Art. 13, S6),
 * generated from the record, with the version and hash a consent receipt stores.
 *
 * @param purposeKey the purpose
 * @param version the record version the text comes from
 * @param locale the language
 * @param text the exact text shown
 * @param sha256 hex SHA-256 of {@code text} in UTF-8
 */
public record NoticeText(String purposeKey, int version, Locale locale, String text, String sha256) {
}
