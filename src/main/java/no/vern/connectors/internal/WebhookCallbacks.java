package no.vern.connectors.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.connectors.Connector;
import no.vern.requests.StepState;
import no.vern.requests.SystemStep;
import no.vern.shared.Actor;

/**
 * Signed callbacks from webhook systems that answered a step later: verified (signature, replay window,
 * exact replay; refusals audited), then the step is completed or failed. Nothing of the body is logged.
 */
@Component
class WebhookCallbacks {

    /** Outcome of a callback, for the HTTP status. */
    enum CallbackOutcome { ACCEPTED, REFUSED, UNKNOWN, SETTLED }

    private static final Actor CALLER = Actor.system("connectors-callback");

    private final Steps steps;
    private final Connectors connectors;
    private final SystemCalls calls;
    private final StepOutcomes outcomes;
    private final AuditLog audit;
    private final Clock clock;

    WebhookCallbacks(Steps steps, Connectors connectors, SystemCalls calls, StepOutcomes outcomes, AuditLog audit,
            Clock clock) {
        this.steps = steps;
        this.connectors = connectors;
        this.calls = calls;
        this.outcomes = outcomes;
        this.audit = audit;
        this.clock = clock;
    }

    CallbackOutcome callback(UUID stepId, @Nullable String timestamp, @Nullable String signature, byte[] body) {
        Steps.Row row = steps.find(stepId).orElse(null);
        if (row == null) {
            return CallbackOutcome.UNKNOWN;
        }
        SystemStep step = row.step();
        Connector connector = connectors.find(step.connectorId()).orElse(null);
        if (connector == null || !(calls.config(connector) instanceof ConnectorConfig.Webhook spec)) {
            return CallbackOutcome.UNKNOWN;
        }
        String refusal = Signatures.refusal(calls.webhookSecret(spec), timestamp, signature, body, clock.instant());
        if (refusal != null || signature == null) {
            audit.record(AuditEvent.by(CALLER, "connectors.callback.refuse", Outcome.DENIED)
                    .withTargets("step:" + stepId, "connector:" + connector.id()));
            return CallbackOutcome.REFUSED;
        }
        if (!steps.rememberSignature(signature, clock.instant())) {
            audit.record(AuditEvent.by(CALLER, "connectors.callback.replay", Outcome.DENIED)
                    .withTargets("step:" + stepId, "connector:" + connector.id()));
            return CallbackOutcome.REFUSED;
        }
        if (step.state() != StepState.RUNNING || row.awaitingSince() == null) {
            return CallbackOutcome.SETTLED;
        }
        Steps.FanOutRow fanOut = steps.fanOut(step.caseId(), step.operation()).orElseThrow();
        try {
            outcomes.complete(step, connector, fanOut, calls.webhookResult(body));
        } catch (WebhookSystem.Rejected e) {
            Instant now = clock.instant();
            steps.transition(stepId, List.of(StepState.RUNNING), StepState.FAILED, StepDetail.callbackRefused(e.getMessage()), now);
            connectors.recordOutcome(connector.id(), false, StepDetail.callbackRefused(e.getMessage()), now);
        }
        return CallbackOutcome.ACCEPTED;
    }
}
