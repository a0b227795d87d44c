package no.vern.retention;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A purpose of the record of processing with the rule of each of its data categories; a category
 * without a rule is flagged in the console (every category must have one, S23).
 *
 * @param activityId the processing activity the purpose belongs to
 * @param purposeKey the purpose
 * @param entries one per data category of the activity
 */
public record PolicyCoverage(String activityId, String purposeKey, List<Entry> entries) {

    public PolicyCoverage {
        entries = List.copyOf(entries);
    }

    /**
     * A category and its current rule, or null when it has none.
     *
     * @param category the data category
     * @param rule the current rule, or null
     */
    public record Entry(String category, @Nullable RetentionRule rule) {
    }

    /** The categories without a rule. */
    public List<String> missing() {
        return entries.stream().filter(e -> e.rule() == null).map(Entry::category).toList();
    }
}
