package no.vern.register;

import java.time.Instant;

/**
 * One line of a subject's change history: who changed which category when, never the values.
 *
 * @param seq order of the change
 * @param at when
 * @param actor opaque actor reference, e.g. {@code staff:kari}
 * @param category category key, or {@code subject} for kinds/organisation
 * @param change what happened: {@code created}, {@code updated}, {@code erased}
 */
public record ChangeEntry(long seq, Instant at, String actor, String category, String change) {
}
