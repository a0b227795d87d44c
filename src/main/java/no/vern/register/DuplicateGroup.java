package no.vern.register;

import java.util.List;

/**
 * Subjects that share an email address or a phone number (the same blind-index hash): possibly the same
 * person held twice (issue 20, item 5). Holds ids, kinds and times only, never the shared value.
 *
 * @param kind {@code email} or {@code phone}
 * @param subjects the subjects sharing it, oldest first
 */
public record DuplicateGroup(String kind, List<SubjectSummary> subjects) {

    public DuplicateGroup {
        subjects = List.copyOf(subjects);
    }
}
