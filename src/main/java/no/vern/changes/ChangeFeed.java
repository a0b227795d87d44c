package no.vern.changes;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The change events in a stable order, read page by page with a cursor: every event once, also while new events
 * are appended (a page holds only events of transactions that have ended, so none can later appear before it).
 */
public interface ChangeFeed {

    /** The most events one page returns. */
    int MAX_PAGE = 500;

    /**
     * The events after {@code cursor} (from the start when null), at most {@code limit}, of the given types (all
     * when empty); InvalidInput for a malformed cursor or a limit out of 1–{@value #MAX_PAGE}.
     */
    Page after(@Nullable String cursor, Set<ChangeType> types, int limit);

    /**
     * A page of the feed.
     *
     * @param events the events in order
     * @param next the cursor to ask with next; the same as asked with when nothing new has ended
     */
    record Page(List<ChangeEvent> events, String next) {

        public Page {
            events = List.copyOf(events);
        }
    }
}
