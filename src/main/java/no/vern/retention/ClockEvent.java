package no.vern.retention;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * A recorded clock event, in ids only.
 *
 * @param id the event id
 * @param kind what happened
 * @param organisation the organisation (agreement ended), or null
 * @param subject the subject, or null
 * @param purposeKey the purpose (consent ended), or null
 * @param occurredAt when it happened (the clock starts here)
 * @param recordedAt when it was recorded
 * @param recordedBy actor reference
 */
public record ClockEvent(UUID id, ClockEventKind kind, @Nullable UUID organisation, @Nullable SubjectId subject,
        @Nullable String purposeKey, Instant occurredAt, Instant recordedAt, String recordedBy) {
}
