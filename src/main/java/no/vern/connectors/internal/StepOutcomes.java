package no.vern.connectors.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.connectors.Connector;
import no.vern.requests.Operation;
import no.vern.requests.StepState;
import no.vern.requests.SystemStep;
import no.vern.shared.Conflict;
import no.vern.shared.SubjectId;

/**
 * Records how a step ended, whoever reported it (the step job, a webhook callback, the responsible person):
 * DONE with what was found encrypted, or a failure that is rescheduled with exponential backoff until
 * {@code maxAttempts} and then FAILED. The connector's last outcome and the audit log (ids and counts
 * only) follow.
 */
@Component
class StepOutcomes {

    private final Steps steps;
    private final Connectors connectors;
    private final CaseData caseData;
    private final AuditLog audit;
    private final ConnectorsProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    StepOutcomes(Steps steps, Connectors connectors, CaseData caseData, AuditLog audit, ConnectorsProperties properties,
            TransactionTemplate tx, Clock clock) {
        this.steps = steps;
        this.connectors = connectors;
        this.caseData = caseData;
        this.audit = audit;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /** Records a finished step: values encrypted, state DONE, connector outcome, audit (ids and counts only). */
    void complete(SystemStep step, Connector connector, Steps.FanOutRow fanOut, Found found) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            caseData.storeCollected(step, fanOut, found, now);
            if (!steps.transition(step.id(), List.of(StepState.RUNNING, StepState.WAITING_FOR_PERSON, StepState.PENDING),
                    StepState.DONE, found.detail(), now)) {
                throw new Conflict("step-settled", "Step settled", "The step is no longer open");
            }
            connectors.recordOutcome(connector.id(), true, found.detail(), now);
            AuditEvent event = AuditEvent.by(StepService.actorOrJob(), "connectors.step." + verb(step.operation()),
                    Outcome.SUCCESS).withTargets("case:" + step.caseId(), "step:" + step.id(),
                            "connector:" + connector.id(), "rows:" + found.rows());
            if (fanOut.subjectId() != null) {
                event = event.withTargets(new SubjectId(fanOut.subjectId()).reference());
            }
            audit.record(event);
        });
    }

    /** Records a failed run: retried later if it may help and attempts remain, else FAILED. */
    void fail(SystemStep step, StepDetail detail, boolean retryable) {
        Instant now = clock.instant();
        boolean last = !retryable || step.attempts() >= properties.maxAttempts();
        if (last) {
            steps.transition(step.id(), List.of(StepState.RUNNING), StepState.FAILED, detail, now);
        } else {
            steps.reschedule(step.id(), detail, now.plus(properties.backoffAfter(step.attempts())), now);
        }
        connectors.recordOutcome(step.connectorId(), false, detail, now);
        audit.record(AuditEvent.by(StepService.JOB, "connectors.step." + verb(step.operation()), Outcome.FAILURE)
                .withTargets("case:" + step.caseId(), "step:" + step.id(), "connector:" + step.connectorId()));
    }

    private static String verb(Operation operation) {
        return switch (operation) {
            case ACCESS -> "access";
            case ERASE -> "erase";
            case VERIFY_ERASED -> "verify";
        };
    }
}
