package no.vern.retention;

import java.util.List;

import no.vern.shared.SubjectId;

/**
 * What a run found for one rule: counts and subject ids.
 *
 * @param purposeKey the purpose
 * @param category the data category
 * @param kind the rule kind
 * @param due items that are (or would be) deleted
 * @param held items stopped by a legal hold
 * @param notice items waiting for a notice period
 * @param subjects the subjects concerned (ids only)
 */
public record RuleSummary(String purposeKey, String category, RuleKind kind, int due, int held, int notice,
        List<SubjectId> subjects) {

    public RuleSummary {
        subjects = List.copyOf(subjects);
    }
}
