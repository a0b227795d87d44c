package no.vern.console.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import no.vern.shared.AttentionItem;
import no.vern.shared.Countdown;

/**
 * The one ranking of the console's "needs attention" list (issue 23 item 1): what is due first comes first;
 * items without a deadline follow, the more severe first; among equals the order the modules gave. Only items the
 * user's roles may act on are kept.
 */
final class NeedsAttention {

    /** Due time first (none last), then severity (critical first). */
    static final Comparator<AttentionItem> ORDER = Comparator
            .comparing(AttentionItem::dueAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(AttentionItem::severity);

    private NeedsAttention() {
    }

    /** The items the roles may see, ranked, each with how much time is left as of {@code now}. */
    static List<Line> rank(List<AttentionItem> items, Set<String> roles, Instant now) {
        return items.stream().filter(i -> i.roles().isEmpty() || i.roles().stream().anyMatch(roles::contains))
                .sorted(ORDER).map(i -> new Line(i, now)).toList();
    }

    /**
     * One line of the list as the page shows it.
     *
     * @param item the item
     * @param now the time the page was rendered
     */
    record Line(AttentionItem item, Instant now) {

        /** Time left until the item is due, or {@code null} without a deadline. */
        public @Nullable Duration left() {
            Instant due = item.dueAt();
            return due == null ? null : Duration.between(now, due);
        }

        /** The countdown colour of the deadline ({@link Countdown}), or {@code null} without one. */
        public @Nullable Countdown countdown() {
            Duration left = left();
            return left == null ? null : Countdown.of(left);
        }

        /** The message key saying how long is left ({@link Countdown#leftKey}), or {@code null} without a deadline. */
        public @Nullable String leftKey() {
            Duration left = left();
            return left == null ? null : Countdown.leftKey(left);
        }

        /** The number in {@link #leftKey()}. */
        public long leftAmount() {
            Duration left = left();
            return left == null ? 0 : Countdown.leftAmount(left);
        }
    }
}
