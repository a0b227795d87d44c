package no.vern.retention;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import no.vern.shared.SubjectId;

/**
 * Records of one subject, purpose and category that a rule says must go, and why (ids and dates only).
 *
 * @param subject the subject
 * @param purposeKey the purpose
 * @param category the data category
 * @param ruleVersion the version of the rule applied
 * @param kind the kind of the rule
 * @param records the record ids
 * @param dueAt when they became due
 * @param reason why, in dates and rule terms (no personal data)
 * @param status due, held, notice, pending or done
 */
public record DueItem(SubjectId subject, String purposeKey, String category, int ruleVersion, RuleKind kind,
        List<UUID> records, Instant dueAt, String reason, ItemStatus status) {

    public DueItem {
        records = List.copyOf(records);
    }

    /** The rule id ({@code purpose/category}). */
    public String ruleId() {
        return purposeKey + "/" + category;
    }
}
