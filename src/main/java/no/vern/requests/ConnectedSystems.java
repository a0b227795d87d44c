package no.vern.requests;

import java.util.List;
import java.util.UUID;

import org.springframework.modulith.NamedInterface;

/**
 * SPI: the other systems that hold personal data (CRM, recruiting, mailing, accounting; GDPR Art. 15(1)
 * "all data", Art. 19 recipients). A case fans out to every system in scope through this interface; the
 * connectors module implements it with durable, retried steps. Without an implementation a case has no
 * external steps (Vern's own register is then the only source).
 */
@NamedInterface("spi")
public interface ConnectedSystems {

    /**
     * Starts the fan-out of one operation of a case to every system in scope; idempotent per
     * {@code (caseId, operation)}: a second call returns the steps already started and starts nothing new.
     * Returns at once; the steps run in the background, survive restarts and are retried.
     */
    List<SystemStep> start(FanOut fanOut);

    /**
     * {@link #start} for many fan-outs at once (a retention purge's batch, issue 28 item 8): each exactly as one call
     * would start it, in one transaction. Returns the steps of each fan-out, in the order given.
     */
    default List<List<SystemStep>> startAll(List<FanOut> fanOuts) {
        return fanOuts.stream().map(this::start).toList();
    }

    /**
     * Which of these purposes a connected system in scope holds (an active connector serving an activity of the
     * purpose): an erasure for any other purpose reaches no system, so there is nothing to start for it.
     */
    default java.util.Set<String> holding(java.util.Collection<String> purposeKeys) {
        return java.util.Set.copyOf(purposeKeys);
    }

    /** Every step of a case, one per system and operation, in a stable order. */
    List<SystemStep> steps(UUID caseId);

    /**
     * What the systems found for a finished access (or erasure-verification) operation, for the export;
     * the values are personal data and must only be placed in the person's export.
     */
    List<SystemData> collected(UUID caseId, Operation operation);

    /** Records a handler's reason to complete the case although a step is not done (kept in the case history). */
    SystemStep waive(UUID caseId, UUID stepId, String reason);

    /** Retries a failed step now. */
    SystemStep retry(UUID caseId, UUID stepId);
}
