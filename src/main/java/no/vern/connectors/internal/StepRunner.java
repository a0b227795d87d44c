package no.vern.connectors.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import no.vern.connectors.Connector;
import no.vern.requests.SystemStep;

/**
 * The step job: claims due steps with a lease, calls each system outside any transaction and records
 * the outcome ({@link StepOutcomes}). A restart resumes: finished steps are never claimed again, a step
 * whose node died mid-run is re-run when its lease expires (at-least-once: access is a read, erasure is
 * idempotent).
 */
@Component
class StepRunner {

    private static final Logger log = LoggerFactory.getLogger(StepRunner.class);
    private static final int BATCH = 20;

    private final Steps steps;
    private final Connectors connectors;
    private final CaseData caseData;
    private final SystemCalls calls;
    private final StepOutcomes outcomes;
    private final ConnectorsProperties properties;
    private final Clock clock;

    StepRunner(Steps steps, Connectors connectors, CaseData caseData, SystemCalls calls, StepOutcomes outcomes,
            ConnectorsProperties properties, Clock clock) {
        this.steps = steps;
        this.connectors = connectors;
        this.caseData = caseData;
        this.calls = calls;
        this.outcomes = outcomes;
        this.properties = properties;
        this.clock = clock;
    }

    /** Claims and runs every due step (the db-scheduler job; tests call it directly). Returns how many ran. */
    int runDue() {
        Instant now = clock.instant();
        int ran = 0;
        List<UUID> due;
        do {
            due = steps.claimDue(now, now.plus(properties.lease()), now.minus(properties.callbackTimeout()), BATCH);
            for (UUID id : due) {
                execute(id);
                ran++;
            }
        } while (due.size() == BATCH);
        return ran;
    }

    /** Claims due steps without running them: what a node does right before it dies (tests of restart recovery). */
    List<UUID> claimOnly() {
        Instant now = clock.instant();
        return steps.claimDue(now, now.plus(properties.lease()), now.minus(properties.callbackTimeout()), 100);
    }

    /** Runs one claimed step: call the system, then record the outcome. */
    private void execute(UUID stepId) {
        Steps.Row row = steps.find(stepId).orElse(null);
        if (row == null) {
            return;
        }
        SystemStep step = row.step();
        Connector connector = connectors.find(step.connectorId()).orElse(null);
        Steps.FanOutRow fanOut = steps.fanOut(step.caseId(), step.operation()).orElse(null);
        if (connector == null || fanOut == null || fanOut.identifiers() == null) {
            outcomes.fail(step, StepDetail.fixed("connector or fan-out missing"), false);
            return;
        }
        Identifiers who;
        try {
            who = caseData.identifiers(fanOut);
        } catch (RuntimeException e) {
            outcomes.fail(step, StepDetail.fixed("identifiers unreadable (case data discarded)"), false);
            return;
        }
        try {
            SystemCalls.Outcome outcome = calls.run(connector, step, who);
            switch (outcome.kind()) {
                case DONE:
                    outcomes.complete(step, connector, fanOut, outcome.found());
                    break;
                case AWAITING_CALLBACK:
                    steps.awaitCallback(stepId, StepDetail.fixed("waiting for the system's callback"), clock.instant());
                    break;
                default:
                    steps.awaitPerson(stepId, outcome.taskTokenHash(), clock.instant().plus(properties.taskValidity()),
                            StepDetail.fixed("task sent to the responsible person"), clock.instant());
            }
        } catch (SystemCalls.StepFailed e) {
            outcomes.fail(step, e.detail(), e.retryable());
        } catch (RuntimeException e) {
            log.warn("Connector step {} of connector {} failed: {}", stepId, step.connectorId(), e.getClass().getSimpleName());
            outcomes.fail(step, StepDetail.internalError(e.getClass().getSimpleName()), true);
        }
    }
}
