package no.vern.retention;

/**
 * The kinds of retention rule, in the terms the people who keep the record of processing think in
 * (S13, S23); the amount and unit of a rule say "N months", "N years" and so on.
 */
public enum RuleKind {
    /** While the customer or partner agreement runs, then N more (S3, S13). */
    AGREEMENT_PLUS,
    /** N after the recruitment process closed, unless the candidate consented to the talent pool. */
    AFTER_RECRUITMENT_CLOSED,
    /** N after the event was held, unless the participant consented to further contact (S5). */
    AFTER_EVENT,
    /** Until the consent is withdrawn or expires; at most N after it was last given or renewed (if N > 0). */
    UNTIL_CONSENT_ENDS,
    /** N from the end of the accounting year the record belongs to (Bookkeeping Act § 13: 5 years / 3.5 years). */
    BOOKKEEPING,
    /** N after the last activity (last confirmation of the data or a recorded contact). */
    AFTER_LAST_ACTIVITY
}
