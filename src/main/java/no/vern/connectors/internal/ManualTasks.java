package no.vern.connectors.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.connectors.Connector;
import no.vern.requests.Operation;
import no.vern.requests.StepState;
import no.vern.requests.SystemStep;
import no.vern.shared.Actor;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;

/**
 * Steps of manual systems, done by the responsible person through a mailed link: the link's token (only
 * its hash is stored, valid for {@code taskValidity}), the task page's content (audited as an access) and
 * the person's answer, an export or a confirmation, which completes the step.
 */
@Component
class ManualTasks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Steps steps;
    private final Connectors connectors;
    private final CaseData caseData;
    private final StepOutcomes outcomes;
    private final AuditLog audit;
    private final Clock clock;

    ManualTasks(Steps steps, Connectors connectors, CaseData caseData, StepOutcomes outcomes, AuditLog audit,
            Clock clock) {
        this.steps = steps;
        this.connectors = connectors;
        this.caseData = caseData;
        this.outcomes = outcomes;
        this.audit = audit;
        this.clock = clock;
    }

    /** A fresh task token (for the link) and its hash (stored). */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the task page shows: the step, its connector and whom to look for (audited as an access). */
    record Task(SystemStep step, Connector connector, Identifiers who) {
        @Override
        public String toString() {
            return "Task[" + step.id() + "]";
        }
    }

    /** The open task behind a link, or {@link NotFound} for a wrong, used or expired link (no hint which). */
    Task open(UUID stepId, String token) {
        Steps.Row row = valid(stepId, token);
        Connector connector = connectors.find(row.step().connectorId()).orElseThrow(() -> new NotFound("task", stepId.toString()));
        Steps.FanOutRow fanOut = steps.fanOut(row.step().caseId(), row.step().operation()).orElseThrow();
        audit.record(AuditEvent.by(Actor.system("connectors-task"), "connectors.task.view", Outcome.SUCCESS)
                .withTargets("case:" + row.step().caseId(), "step:" + stepId));
        return new Task(row.step(), connector, caseData.identifiers(fanOut));
    }

    /** The responsible person's answer: an export (access) or a confirmation (erasure). */
    void complete(UUID stepId, String token, @Nullable String exportText, boolean confirmed) {
        Steps.Row row = valid(stepId, token);
        SystemStep step = row.step();
        Connector connector = connectors.find(step.connectorId()).orElseThrow();
        Steps.FanOutRow fanOut = steps.fanOut(step.caseId(), step.operation()).orElseThrow();
        Found found;
        if (step.operation() == Operation.ERASE) {
            if (!confirmed) {
                throw new InvalidInput("confirmed", "confirm that the person was erased in the system", "connectors.error.confirmErased");
            }
            found = Found.nothing(StepDetail.fixed("erasure confirmed by the responsible person"));
        } else if (exportText != null && !exportText.isBlank()) {
            found = new Found(Map.of("export", List.of(exportText)), 1, StepDetail.fixed("export uploaded by the responsible person"));
        } else if (confirmed) {
            found = Found.nothing(StepDetail.fixed("nothing found, confirmed by the responsible person"));
        } else {
            throw new InvalidInput("file", "upload the export, or confirm that nothing was found", "connectors.error.uploadOrNothing");
        }
        outcomes.complete(step, connector, fanOut, found);
    }

    private Steps.Row valid(UUID stepId, String token) {
        Steps.Row row = steps.find(stepId).orElseThrow(() -> new NotFound("task", stepId.toString()));
        boolean valid = row.step().state() == StepState.WAITING_FOR_PERSON && row.taskTokenHash() != null
                && token != null && token.length() < 100 && MessageDigest.isEqual(row.taskTokenHash(), hash(token))
                && row.taskExpiresAt() != null && clock.instant().isBefore(row.taskExpiresAt());
        if (!valid) {
            throw new NotFound("task", stepId.toString());
        }
        return row;
    }
}
