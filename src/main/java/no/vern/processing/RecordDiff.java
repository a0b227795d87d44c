package no.vern.processing;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What changed between two versions of the record, field by field, so reviewers and auditors can
 * see exactly what a change did.
 *
 * @param from the older version
 * @param to the newer version
 * @param changes one entry per changed leaf field
 */
public record RecordDiff(int from, int to, List<Change> changes) {

    public RecordDiff {
        changes = List.copyOf(changes);
    }

    /** How a field changed. */
    public enum Kind {
        ADDED, REMOVED, CHANGED
    }

    /**
     * One changed field.
     *
     * @param kind added, removed or changed
     * @param activity the id of the activity it belongs to, or null for record-wide fields
     * @param path where in the document, e.g. {@code activities[customers].purposes[customer-administration].retention.period}
     * @param oldValue the value before (null when added)
     * @param newValue the value after (null when removed)
     */
    public record Change(Kind kind, @Nullable String activity, String path, @Nullable String oldValue,
            @Nullable String newValue) {
    }
}
