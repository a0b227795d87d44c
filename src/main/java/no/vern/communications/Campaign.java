package no.vern.communications;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A campaign (one issue of a newsletter, one invitation) and where it is in its life.
 *
 * @param id the campaign id
 * @param listId its list
 * @param subjectNb Norwegian subject line
 * @param subjectEn English subject line
 * @param bodyNb Norwegian text
 * @param bodyEn English text
 * @param status draft, queued (sending) or done
 * @param createdAt when it was composed
 * @param queuedAt when it was queued for sending
 * @param completedAt when its last delivery was settled
 */
public record Campaign(UUID id, UUID listId, String subjectNb, String subjectEn, String bodyNb, String bodyEn,
        Status status, Instant createdAt, @Nullable Instant queuedAt, @Nullable Instant completedAt) {

    /** Where a campaign is. */
    public enum Status {
        DRAFT, QUEUED, DONE
    }
}
