package no.vern.requests;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

import com.fasterxml.jackson.annotation.JsonIgnore;

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
 * @param detailCode the message code that says the detail in the reader's language (issue 23), or null; not in the
 *        API, which reports the English detail
 * @param detailArgs its arguments
 */
@NamedInterface("spi")
public record SystemStep(UUID id, UUID caseId, UUID connectorId, String system, Operation operation,
        StepState state, int attempts, @Nullable String detail, Instant updatedAt, @JsonIgnore @Nullable String detailCode,
        @JsonIgnore List<String> detailArgs) {

    public SystemStep {
        detailArgs = List.copyOf(detailArgs);
    }

    /** A step whose detail has no message code (shown as it is). */
    public SystemStep(UUID id, UUID caseId, UUID connectorId, String system, Operation operation, StepState state,
            int attempts, @Nullable String detail, Instant updatedAt) {
        this(id, caseId, connectorId, system, operation, state, attempts, detail, updatedAt, null, List.of());
    }
}
