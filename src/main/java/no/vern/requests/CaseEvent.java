package no.vern.requests;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a case's complete history (no personal data: reasons written by handlers are about the
 * case, the person's own words are kept encrypted elsewhere).
 *
 * @param at when
 * @param actor who (actor reference)
 * @param action what happened, e.g. {@code received}, {@code extended}
 * @param detail a short note, or null
 */
public record CaseEvent(Instant at, String actor, String action, @Nullable String detail) {
}
