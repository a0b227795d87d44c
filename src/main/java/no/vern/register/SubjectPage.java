package no.vern.register;

import java.util.List;

/**
 * One page of subjects (no personal data) with the total, for lists in the API and console.
 *
 * @param items the subjects on this page
 * @param page zero-based page number
 * @param size page size
 * @param total number of subjects visible to the caller
 */
public record SubjectPage(List<SubjectSummary> items, int page, int size, long total) {

    public SubjectPage {
        items = List.copyOf(items);
    }
}
