package no.vern.retention.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import no.vern.processing.LegalBasis;
import no.vern.retention.LegalDuty;
import no.vern.retention.RetentionRule;
import no.vern.retention.RuleKind;
import no.vern.shared.VernClock;

/**
 * Which retention rules are legal duties, and until when they keep a record: pure, so that the law is tested
 * without a database. A duty is what GDPR Art. 17(3)(b) lets outlive an erasure request: a bookkeeping rule, or
 * a rule of a purpose whose legal basis is a legal obligation (Art. 6(1)(c)).
 */
final class Duties {

    /** The act behind every bookkeeping rule: retention of accounting material, primary and secondary documentation. */
    static final String BOOKKEEPING_ACT = "bokføringsloven § 13";

    private Duties() {
    }

    /**
     * The duty a rule imposes on a record dated {@code dated}, or empty when the rule is no legal duty.
     * Bookkeeping (bokføringsloven § 13): the period runs from the end of the accounting year of the voucher's
     * date in Oslo (the accounting year is the calendar year, regnskapsloven § 1-7). A rule of a purpose under a
     * legal obligation (GDPR Art. 6(1)(c)) runs from the record's date; its act is the rule's own note.
     */
    static Optional<LegalDuty> of(RetentionRule rule, LegalBasis basis, Instant dated) {
        if (rule.kind() == RuleKind.BOOKKEEPING) {
            LocalDate anchor = accountingYearEnd(dated);
            return Optional.of(new LegalDuty(rule.purposeKey(), rule.category(), rule.version(), rule.kind(), rule.amount(),
                    rule.unit(), BOOKKEEPING_ACT, rule.note(), anchor, Periods.keptUntil(dated, rule.amount(), rule.unit())));
        }
        if (basis == LegalBasis.LEGAL_OBLIGATION) {
            LocalDate anchor = Periods.date(dated);
            LocalDate until = Periods.date(Periods.plus(dated, rule.amount(), rule.unit()));
            String act = rule.note().isBlank() ? "GDPR Art. 6(1)(c)" : rule.note();
            return Optional.of(new LegalDuty(rule.purposeKey(), rule.category(), rule.version(), rule.kind(), rule.amount(),
                    rule.unit(), act, rule.note(), anchor, until));
        }
        return Optional.empty();
    }

    /** The last day of the accounting year a voucher dated {@code dated} belongs to (regnskapsloven § 1-7: the calendar year, Oslo time). */
    static LocalDate accountingYearEnd(Instant dated) {
        return LocalDate.of(dated.atZone(VernClock.ZONE).getYear(), 12, 31);
    }
}
