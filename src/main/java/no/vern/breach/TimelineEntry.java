package no.vern.breach;

import java.time.Instant;
import java.util.Map;

/**
 * One step in the append-only timeline of a breach; details hold ids and codes, never personal
 * data of the people affected.
 *
 * @param seq position in the timeline, from 1
 * @param at when
 * @param actor actor reference
 * @param kind what was done, e.g. {@code reported}, {@code assessed}
 * @param details machine-readable details
 */
public record TimelineEntry(int seq, Instant at, String actor, String kind, Map<String, Object> details) {

    public TimelineEntry {
        details = Map.copyOf(details);
    }
}
