package no.vern.training;

import java.time.LocalDate;
import java.util.List;

/**
 * The access review of one quarter (S20): every account's roles and every active token confirmed
 * or removed by the privacy officer.
 *
 * @param period e.g. {@code 2026-Q4}
 * @param dueOn last day of the quarter
 * @param items every account and active token, with decisions so far
 */
public record AccessReview(String period, LocalDate dueOn, List<AccessItem> items) {

    public AccessReview {
        items = List.copyOf(items);
    }

    /** How many items still need a decision. */
    public long unreviewed() {
        return items.stream().filter(AccessItem::unreviewed).count();
    }
}
