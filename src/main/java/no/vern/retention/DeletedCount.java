package no.vern.retention;

/**
 * What real runs deleted in one month under one rule (the auditor's report; counts only).
 *
 * @param month the month in the company's zone, {@code YYYY-MM}
 * @param purposeKey the purpose
 * @param category the data category
 * @param kind the rule kind
 * @param items subject × category items deleted
 * @param records records deleted or narrowed
 */
public record DeletedCount(String month, String purposeKey, String category, String kind, long items, long records) {
}
