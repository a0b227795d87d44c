package no.vern.requests.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import no.vern.requests.ConnectedSystems;
import no.vern.requests.FanOut;
import no.vern.requests.Operation;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestId;
import no.vern.requests.SystemStep;
import no.vern.shared.NotFound;

/**
 * A case's work in the connected systems (through the {@link ConnectedSystems} SPI, absent without
 * connectors): starting an operation for the person, reading its steps, and a handler's waiver or
 * retry of one step, each recorded in the case history.
 */
@Component
class SystemFanOut {

    private final ObjectProvider<ConnectedSystems> systems;
    private final Cases cases;
    private final CaseFile file;
    private final Clock clock;

    SystemFanOut(ObjectProvider<ConnectedSystems> systems, Cases cases, CaseFile file, Clock clock) {
        this.systems = systems;
        this.cases = cases;
        this.file = file;
        this.clock = clock;
    }

    /** Starts an operation in the connected systems; true if any step is not settled yet. */
    boolean start(RequestCase c, Operation operation, @Nullable String knownEmail) {
        ConnectedSystems connected = systems.getIfAvailable();
        if (connected == null) {
            return false;
        }
        String email = knownEmail != null ? knownEmail : file.email(c);
        List<SystemStep> steps = connected.start(new FanOut(c.id().value(), operation,
                c.inRegister() ? c.subject() : null, Set.of(email), Set.of(), Set.of()));
        cases.event(c.id(), clock.instant(), RequestService.actor().reference(), "systems-started",
                operation.name().toLowerCase(Locale.ROOT) + ", " + steps.size() + " step(s)",
                List.of(operation.name(), String.valueOf(steps.size())));
        return steps.stream().anyMatch(s -> !s.state().settled());
    }

    List<SystemStep> steps(RequestId id) {
        ConnectedSystems connected = systems.getIfAvailable();
        return connected == null ? List.of() : connected.steps(id.value());
    }

    /**
     * Waives a step with a reason (kept in the history and, for an erasure, in the certificate). A completed
     * erasure whose certificate still waits ({@code afterClosing}) may still have its steps waived or retried.
     */
    SystemStep waive(RequestId id, UUID stepId, String reason, boolean afterClosing) {
        RequestCase c = afterClosing ? cases.lock(id).orElseThrow(() -> new NotFound("Request", id)) : file.open(id);
        String why = CaseFile.required("reason", reason, 2000);
        ConnectedSystems connected = systems.getIfAvailable();
        if (connected == null) {
            throw new NotFound("Step", stepId);
        }
        SystemStep step = connected.waive(id.value(), stepId, why);
        file.changed(c, "step-waived", step.system() + ": " + why, "requests.step.waive", step.system(), why);
        return step;
    }

    SystemStep retry(RequestId id, UUID stepId, boolean afterClosing) {
        RequestCase c = afterClosing ? cases.lock(id).orElseThrow(() -> new NotFound("Request", id)) : file.open(id);
        ConnectedSystems connected = systems.getIfAvailable();
        if (connected == null) {
            throw new NotFound("Step", stepId);
        }
        SystemStep step = connected.retry(id.value(), stepId);
        file.changed(c, "step-retried", step.system(), "requests.step.retry", step.system());
        return step;
    }
}
