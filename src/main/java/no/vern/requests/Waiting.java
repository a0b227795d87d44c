package no.vern.requests;

import java.time.Instant;

/**
 * A case that waits for the person: what they were asked for and since when.
 *
 * @param what identity or scope
 * @param since when the question was sent
 */
public record Waiting(Clarification what, Instant since) {
}
