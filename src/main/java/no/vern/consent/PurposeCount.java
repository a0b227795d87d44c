package no.vern.consent;

/**
 * How many consents are in force for a purpose, and how many of them lapse soon (a count, no people).
 *
 * @param purposeKey the purpose
 * @param active consents in force now
 * @param expiringSoon consents in force that lapse within 30 days
 */
public record PurposeCount(String purposeKey, long active, long expiringSoon) {
}
