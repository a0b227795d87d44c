package no.vern.retention;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/** Records the events that start retention clocks (issue 10, item 2); audited, ids only. */
public interface RetentionClock {

    /**
     * Records that the agreement with an organisation (id or organisation number from the register) ended;
     * {@link no.vern.shared.NotFound} for an unknown organisation. Idempotent for the same organisation and time.
     */
    ClockEvent agreementEnded(String organisation, Instant endedAt);

    /** Records an event about a subject (recruitment closed, event held, last activity); NotFound for an unknown subject. */
    ClockEvent subjectEvent(ClockEventKind kind, SubjectId subject, Instant occurredAt, @Nullable String purposeKey);

    /** Every recorded event of an organisation, newest first. */
    List<ClockEvent> ofOrganisation(UUID organisation);

    /** The latest events of any kind, newest first. */
    List<ClockEvent> recent(int limit);
}
