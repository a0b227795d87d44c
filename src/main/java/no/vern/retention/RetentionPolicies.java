package no.vern.retention;

import java.util.List;
import java.util.Optional;

/**
 * The retention rules per purpose and data category (S13, S23; GDPR Art. 5(1)(e), Art. 30(1)(f)):
 * seeded for the record of processing, edited by the privacy officer, every edit a new version.
 */
public interface RetentionPolicies {

    /** The current rule of every purpose and category that has one, in purpose order. */
    List<RetentionRule> current();

    /** The current rule of a purpose and category. */
    Optional<RetentionRule> current(String purposeKey, String category);

    /** Every purpose of the current record of processing with the rule of each of its categories. */
    List<PolicyCoverage> coverage();

    /** Every version of one rule, newest first. */
    List<RetentionRule> history(String purposeKey, String category);

    /**
     * Saves a new version of a rule by the current actor; the purpose and category must be in the record of
     * processing ({@link no.vern.shared.InvalidInput} otherwise); {@link no.vern.shared.Conflict} when
     * {@code basedOnVersion} is not the current version (0 for a new rule).
     */
    RetentionRule change(String purposeKey, String category, int basedOnVersion, RuleChange change);
}
