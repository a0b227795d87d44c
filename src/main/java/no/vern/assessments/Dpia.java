package no.vern.assessments;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One version of a DPIA of an activity of the record.
 *
 * @param id the DPIA
 * @param activityId the activity assessed
 * @param version this version (1, 2, ...)
 * @param content what it says
 * @param author who wrote this version (an opaque actor reference)
 * @param createdAt when
 */
public record Dpia(UUID id, String activityId, int version, DpiaContent content, String author, Instant createdAt) {

    /** Whether its review date has passed on {@code today}. */
    public boolean reviewOverdue(LocalDate today) {
        return content.reviewOn() != null && content.reviewOn().isBefore(today);
    }
}
