package no.vern.connectors.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.connectors.Connector;
import no.vern.processing.Activity;
import no.vern.processing.ProcessingRecord;
import no.vern.requests.ConnectedSystems;
import no.vern.requests.FanOut;
import no.vern.requests.Operation;
import no.vern.requests.StepState;
import no.vern.requests.SystemData;
import no.vern.requests.SystemStep;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;

/**
 * The {@link ConnectedSystems} implementation: a fan-out becomes one durable step per connector in scope
 * (its identifiers kept encrypted by {@link CaseData}); the steps, what they collected, and a handler's
 * waiver or retry. The steps run in {@link StepRunner}; failures are retried with backoff until
 * {@code maxAttempts}, then the step is FAILED (retry or waive by a handler).
 */
final class StepService implements ConnectedSystems {

    static final Actor JOB = Actor.system("connectors");

    private final Steps steps;
    private final Connectors connectors;
    private final CaseData caseData;
    private final ProcessingRecord record;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate tx;

    StepService(Steps steps, Connectors connectors, CaseData caseData, ProcessingRecord record, AuditLog audit,
            Clock clock, TransactionTemplate tx) {
        this.steps = steps;
        this.connectors = connectors;
        this.caseData = caseData;
        this.record = record;
        this.audit = audit;
        this.clock = clock;
        this.tx = tx;
    }

    @Override
    public List<SystemStep> start(FanOut fanOut) {
        return startAll(List.of(fanOut)).get(0);
    }

    /**
     * Starts many fan-outs in one transaction, each as one {@link #start} would (issue 28 item 8): the fan-outs not yet
     * started are inserted in one statement, their identifiers stored under their case keys (created together, see
     * {@link CaseData#storeIdentifiers(List, Instant)}), one step per connector in scope of each inserted in one
     * statement, one {@code connectors.fanout.start} entry per fan-out started; the steps of all of them read in one
     * query. A fan-out that existed already starts nothing new and answers its steps.
     */
    @Override
    public List<List<SystemStep>> startAll(List<FanOut> fanOuts) {
        if (fanOuts.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        // TransactionCallback admits a null result (JSpecify); NullAway cannot see that before JDK 22.
        @SuppressWarnings("NullAway")
        Map<UUID, List<Steps.Row>> rows = tx.execute(status -> {
            Set<String> created = steps.insertFanOuts(fanOuts.stream().map(f -> new Steps.NewFanOut(f.caseId(),
                    f.operation(), f.subject() == null ? null : f.subject().value(), List.copyOf(f.purposeKeys())))
                    .toList(), now);
            List<FanOut> started = fanOuts.stream().filter(f -> created.contains(Steps.key(f.caseId(), f.operation())))
                    .toList();
            caseData.storeIdentifiers(started, now);
            List<Steps.NewStep> newSteps = new ArrayList<>();
            Map<Set<String>, List<Connector>> scopes = new HashMap<>();
            Scope scope = started.isEmpty() ? null : scope();
            for (FanOut f : started) {
                int position = 0;
                for (Connector connector : scopes.computeIfAbsent(f.purposeKeys(), k -> inScope(k, scope))) {
                    newSteps.add(new Steps.NewStep(UUID.randomUUID(), f.caseId(), f.operation(), connector.id(),
                            connector.name(), position++));
                }
            }
            steps.insertSteps(newSteps, now);
            for (FanOut f : started) {
                AuditEvent event = AuditEvent.of("connectors.fanout.start", Outcome.SUCCESS)
                        .withTargets("case:" + f.caseId(), "operation:" + f.operation().name().toLowerCase());
                if (f.subject() != null) {
                    event = event.withTargets(f.subject().reference());
                }
                audit.record(event);
            }
            Map<UUID, List<Steps.Row>> byCase = new HashMap<>();
            steps.ofCases(fanOuts.stream().map(FanOut::caseId).toList())
                    .forEach(r -> byCase.computeIfAbsent(r.step().caseId(), k -> new ArrayList<>()).add(r));
            return byCase;
        });
        Map<UUID, List<Steps.Row>> found = rows == null ? Map.of() : rows;
        return fanOuts.stream().map(f -> found.getOrDefault(f.caseId(), List.of()).stream()
                .filter(r -> r.step().operation() == f.operation()).map(Steps.Row::step).toList()).toList();
    }

    /** The active (approved) connectors and the activities of the current record of processing. */
    private record Scope(List<Connector> active, List<Activity> activities) {
    }

    private Scope scope() {
        return new Scope(connectors.list().stream().filter(Connector::active).toList(),
                record.current().document().activities());
    }

    /**
     * The active (approved) connectors whose activities serve one of the purposes (all active connectors when no
     * purpose is given). A connector waiting for the privacy officer's approval never joins a request.
     */
    List<Connector> inScope(Set<String> purposeKeys) {
        return inScope(purposeKeys, scope());
    }

    private static List<Connector> inScope(Set<String> purposeKeys, @Nullable Scope scope) {
        if (scope == null) {
            return List.of();
        }
        if (purposeKeys.isEmpty()) {
            return scope.active();
        }
        Set<String> activities = new HashSet<>();
        for (Activity activity : scope.activities()) {
            if (activity.purposes().stream().anyMatch(p -> purposeKeys.contains(p.key()))) {
                activities.add(activity.id());
            }
        }
        return scope.active().stream().filter(c -> c.activityIds().stream().anyMatch(activities::contains)).toList();
    }

    /** The purposes among these that a connector in scope holds: {@link #inScope} of the purpose is not empty. */
    @Override
    public Set<String> holding(java.util.Collection<String> purposeKeys) {
        Set<String> held = new java.util.LinkedHashSet<>();
        if (purposeKeys.isEmpty()) {
            return held;
        }
        Scope scope = scope();
        if (scope.active().isEmpty()) {
            return held;
        }
        purposeKeys.stream().distinct().filter(p -> !inScope(Set.of(p), scope).isEmpty()).forEach(held::add);
        return held;
    }

    @Override
    public List<SystemStep> steps(UUID caseId) {
        return steps.ofCase(caseId).stream().map(Steps.Row::step).toList();
    }

    @Override
    public List<SystemData> collected(UUID caseId, Operation operation) {
        Steps.FanOutRow fanOut = steps.fanOut(caseId, operation).orElse(null);
        if (fanOut == null) {
            // The case was never fanned out to the connected systems: there are no steps and nothing was collected,
            // so nothing is read (issue 28 item 5: the access export asks this for every case).
            return List.of();
        }
        List<SystemData> result = new ArrayList<>();
        Map<UUID, Connector> byId = new LinkedHashMap<>();
        List<Steps.Row> done = steps.ofCase(caseId, operation).stream()
                .filter(row -> row.step().state() == StepState.DONE).toList();
        if (!done.isEmpty()) {
            connectors.list().forEach(c -> byId.put(c.id(), c));
        }
        for (Steps.Row row : done) {
            Map<String, List<String>> values = caseData.collected(row.step().id());
            Connector connector = byId.get(row.step().connectorId());
            result.add(new SystemData(row.step().connectorId(), row.step().system(), connector == null ? "" : connector.owner(),
                    connector == null ? List.of() : connector.activityIds(), values));
        }
        AuditEvent event = AuditEvent.of("connectors.collected.read", Outcome.SUCCESS)
                .withTargets("case:" + caseId, "operation:" + operation.name().toLowerCase());
        if (fanOut.subjectId() != null) {
            event = event.withTargets(new SubjectId(fanOut.subjectId()).reference());
        }
        audit.record(event);
        return result;
    }

    @Override
    public SystemStep waive(UUID caseId, UUID stepId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason", "is required: say why the case may be completed without this system", "connectors.error.waiveReason");
        }
        if (reason.length() > 2000) {
            throw new InvalidInput("reason", "is too long (at most 2000 characters)", "error.field.tooLong", "2000");
        }
        Steps.Row row = stepOf(caseId, stepId);
        if (row.step().state() == StepState.DONE) {
            throw new Conflict("step-done", "Step done", "The step is done; there is nothing to waive");
        }
        steps.waive(stepId, reason.strip(), clock.instant());
        audit.record(AuditEvent.of("connectors.step.waive", Outcome.SUCCESS)
                .withTargets("case:" + caseId, "step:" + stepId, "connector:" + row.step().connectorId()));
        return stepOf(caseId, stepId).step();
    }

    @Override
    public SystemStep retry(UUID caseId, UUID stepId) {
        Steps.Row row = stepOf(caseId, stepId);
        if (!steps.requeue(stepId, clock.instant())) {
            throw new Conflict("step-not-retryable", "Step not retryable", "Only a failed, pending or waiting step can be retried (this one is "
                    + row.step().state() + ")");
        }
        audit.record(AuditEvent.of("connectors.step.retry", Outcome.SUCCESS)
                .withTargets("case:" + caseId, "step:" + stepId, "connector:" + row.step().connectorId()));
        return stepOf(caseId, stepId).step();
    }

    private Steps.Row stepOf(UUID caseId, UUID stepId) {
        return steps.find(stepId).filter(r -> r.step().caseId().equals(caseId))
                .orElseThrow(() -> new NotFound("step", stepId.toString()));
    }

    /** The acting staff member or token; the step job when none (runs, housekeeping). */
    static Actor actorOrJob() {
        return Actors.currentOr(JOB);
    }
}
