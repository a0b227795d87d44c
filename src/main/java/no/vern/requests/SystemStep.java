package no.vern.requests;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * One system's step of a case (no personal data).
 *
 * @param id the step id
 * @param caseId the case
 * @param connectorId the connector (system) id
 * @param system the system's display name
 * @param operation the operation
 * @param state where it stands
 * @param attempts how many times it was tried
 * @param detail a short outcome without personal data ("3 rows in 2 tables", "timeout"), or null
 * @param updatedAt when it last changed
 */
@NamedInterface("spi")
public record SystemStep(UUID id, UUID caseId, UUID connectorId, String system, Operation operation,
        StepState state, int attempts, @Nullable String detail, Instant updatedAt) {
}
