package no.vern.register;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * A restriction of processing of one subject (GDPR Art. 18), without personal data.
 *
 * @param id the restriction's id (API and console)
 * @param subject the subject
 * @param reason why (e.g. "accuracy contested" or "erasure request: kept under a legal duty")
 * @param releaseOn when the data may be released for erasure (the latest of the kept categories), or null when open-ended
 * @param since when it was restricted
 * @param by the actor reference
 * @param kept the categories kept under a legal duty, each with its ground and release date (empty for an Art. 18 request)
 */
public record Restriction(UUID id, SubjectId subject, String reason, @Nullable LocalDate releaseOn, Instant since, String by,
        List<KeptCategory> kept) {

    public Restriction {
        kept = List.copyOf(kept);
    }
}
