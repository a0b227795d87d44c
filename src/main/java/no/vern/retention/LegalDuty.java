package no.vern.retention;

import java.time.LocalDate;

/**
 * A legal duty that keeps a record although the person asked for erasure (GDPR Art. 17(3)(b)), as the
 * current version of the retention rule of its purpose and category states it (retention owns the rules).
 * No personal data: ids, dates and the law.
 *
 * @param purposeKey the purpose the record is held for
 * @param category the data category
 * @param ruleVersion the version of the retention rule that states the duty
 * @param kind what starts the clock ({@link RuleKind#BOOKKEEPING}: the end of the accounting year)
 * @param amount the period's amount
 * @param unit the period's unit
 * @param act the law that imposes the duty, e.g. {@code bokføringsloven § 13}
 * @param note the rule's own explanation (editable in the console)
 * @param anchor the day the period is counted from (for bookkeeping: the end of the voucher's accounting year)
 * @param keptUntil the last day the duty requires the record; it may be erased from the day after
 */
public record LegalDuty(String purposeKey, String category, int ruleVersion, RuleKind kind, int amount, PeriodUnit unit,
        String act, String note, LocalDate anchor, LocalDate keptUntil) {

    /** Whether the duty still holds on this day (Oslo date); the record is released the day after {@link #keptUntil}. */
    public boolean holdsOn(LocalDate day) {
        return !day.isAfter(keptUntil);
    }
}
