package no.vern.breach;

import java.time.Instant;

/**
 * A decision on a breach and who made it (GDPR Art. 33(5)).
 *
 * @param decidedAt when
 * @param decidedBy actor reference
 * @param text what was decided
 */
public record Decision(Instant decidedAt, String decidedBy, String text) {
}
