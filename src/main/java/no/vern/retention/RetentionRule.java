package no.vern.retention;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One version of the retention rule of a purpose and data category; the newest version applies.
 *
 * @param purposeKey the purpose of the record of processing
 * @param category the data category key
 * @param version 1 for the seed, one more per edit
 * @param kind what starts the clock
 * @param amount how many units after that
 * @param unit the unit of the amount
 * @param unlessConsent a purpose whose consent in force stops the deletion (talent pool, CRM), or null
 * @param noticeDays days before deletion the person is asked (0: no notice)
 * @param note why the rule is as it is (legal reference), shown in the console
 * @param createdBy actor reference of the author
 * @param createdAt when this version was saved
 */
public record RetentionRule(String purposeKey, String category, int version, RuleKind kind, int amount, PeriodUnit unit,
        @Nullable String unlessConsent, int noticeDays, String note, String createdBy, Instant createdAt) {

    /** The stable id of the rule in URLs and reports: {@code purpose/category}. */
    public String id() {
        return purposeKey + "/" + category;
    }

    /** The rule's content without version data, as an edit would state it. */
    public RuleChange content() {
        return new RuleChange(kind, amount, unit, unlessConsent, noticeDays, note);
    }
}
