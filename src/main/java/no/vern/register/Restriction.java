package no.vern.register;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * A restriction of processing of one subject (GDPR Art. 18), without personal data.
 *
 * @param subject the subject
 * @param reason why (e.g. "accuracy contested" or "bookkeeping duty, Bokføringsloven § 13")
 * @param releaseOn when the data may be released for erasure, or null when open-ended
 * @param since when it was restricted
 * @param by the actor reference
 */
public record Restriction(SubjectId subject, String reason, @Nullable LocalDate releaseOn, Instant since, String by) {
}
