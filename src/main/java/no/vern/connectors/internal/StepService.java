package no.vern.connectors.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.connectors.Connector;
import no.vern.crypto.CryptoShredder;
import no.vern.crypto.SubjectCipher;
import no.vern.processing.Activity;
import no.vern.processing.ProcessingRecord;
import no.vern.requests.ConnectedSystems;
import no.vern.requests.FanOut;
import no.vern.requests.Operation;
import no.vern.requests.StepState;
import no.vern.requests.SystemData;
import no.vern.requests.SystemStep;
import no.vern.shared.Actor;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link ConnectedSystems} implementation: a fan-out becomes one durable step per connector in scope;
 * the step job ({@link #runDue()}) claims due steps with a lease, calls the system outside any transaction
 * and records the outcome; failures are retried with exponential backoff until {@code maxAttempts}, then the
 * step is FAILED (retry or waive by a handler). A restart resumes: finished steps are never claimed again,
 * a step whose node died mid-run is re-run when its lease expires (at-least-once: access is a read, erasure
 * is idempotent).
 *
 * <p>Encryption (docs/connectors.md): the identifiers are stored under a per-case key (a SubjectCipher key
 * under a synthetic id, shredded by {@link #discardCaseData}); what an access collects is stored under the
 * register subject's key when the case has a subject (so erasing the person in Vern also shreds it), under
 * the case key otherwise and for erasure verification.
 */
final class StepService implements ConnectedSystems {

    private static final Logger log = LoggerFactory.getLogger(StepService.class);
    static final Actor JOB = Actor.system("connectors");
    private static final String IDENTIFIERS = "connector-identifiers";
    private static final String DATA = "connector-data";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Steps steps;
    private final Connectors connectors;
    private final ProcessingRecord record;
    private final SubjectCipher cipher;
    private final CryptoShredder shredder;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ConnectorsProperties properties;
    private final SystemCalls calls;

    StepService(Steps steps, Connectors connectors, ProcessingRecord record, SubjectCipher cipher, CryptoShredder shredder,
            AuditLog audit, JsonMapper json, Clock clock, TransactionTemplate tx, ConnectorsProperties properties,
            SystemCalls calls) {
        this.steps = steps;
        this.connectors = connectors;
        this.record = record;
        this.cipher = cipher;
        this.shredder = shredder;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.tx = tx;
        this.properties = properties;
        this.calls = calls;
    }

    @Override
    public List<SystemStep> start(FanOut fanOut) {
        Instant now = clock.instant();
        // TransactionCallback admits a null result (JSpecify); NullAway cannot see that before JDK 22.
        @SuppressWarnings("NullAway")
        List<SystemStep> started = tx.execute(status -> {
            boolean created = steps.insertFanOut(fanOut.caseId(), fanOut.operation(),
                    fanOut.subject() == null ? null : fanOut.subject().value(), List.copyOf(fanOut.purposeKeys()), now);
            if (!created) {
                return null;
            }
            UUID caseKey = steps.caseKey(fanOut.caseId(), now);
            Map<String, Object> who = Map.of("emails", fanOut.emails().stream().sorted().toList(),
                    "phones", fanOut.phones().stream().sorted().toList());
            steps.storeIdentifiers(fanOut.caseId(), fanOut.operation(), cipher.encrypt(new SubjectId(caseKey), IDENTIFIERS,
                    identifiersRecord(fanOut.caseId(), fanOut.operation()), json.writeValueAsBytes(who)));
            int position = 0;
            for (Connector connector : inScope(fanOut.purposeKeys())) {
                steps.insertStep(UUID.randomUUID(), fanOut.caseId(), fanOut.operation(), connector.id(), connector.name(),
                        position++, now);
            }
            List<SystemStep> list = steps.ofCase(fanOut.caseId(), fanOut.operation()).stream().map(Steps.Row::step).toList();
            AuditEvent event = AuditEvent.of("connectors.fanout.start", Outcome.SUCCESS)
                    .withTargets("case:" + fanOut.caseId(), "operation:" + fanOut.operation().name().toLowerCase());
            if (fanOut.subject() != null) {
                event = event.withTargets(fanOut.subject().reference());
            }
            audit.record(event);
            return list;
        });
        if (started == null) {
            return steps.ofCase(fanOut.caseId(), fanOut.operation()).stream().map(Steps.Row::step).toList();
        }
        return started;
    }

    /** The connectors whose activities serve one of the purposes (all connectors when no purpose is given). */
    List<Connector> inScope(Set<String> purposeKeys) {
        List<Connector> all = connectors.list();
        if (purposeKeys.isEmpty()) {
            return all;
        }
        Set<String> activities = new HashSet<>();
        for (Activity activity : record.current().document().activities()) {
            if (activity.purposes().stream().anyMatch(p -> purposeKeys.contains(p.key()))) {
                activities.add(activity.id());
            }
        }
        return all.stream().filter(c -> c.activityIds().stream().anyMatch(activities::contains)).toList();
    }

    @Override
    public List<SystemStep> steps(UUID caseId) {
        return steps.ofCase(caseId).stream().map(Steps.Row::step).toList();
    }

    @Override
    public List<SystemData> collected(UUID caseId, Operation operation) {
        List<SystemData> result = new ArrayList<>();
        Map<UUID, Connector> byId = new LinkedHashMap<>();
        connectors.list().forEach(c -> byId.put(c.id(), c));
        Steps.FanOutRow fanOut = steps.fanOut(caseId, operation).orElse(null);
        for (Steps.Row row : steps.ofCase(caseId, operation)) {
            if (row.step().state() != StepState.DONE) {
                continue;
            }
            Optional<Steps.Collected> stored = steps.collected(row.step().id());
            Connector connector = byId.get(row.step().connectorId());
            Map<String, List<String>> values = stored.isEmpty() ? Map.of()
                    : json.readValue(cipher.decrypt(new SubjectId(stored.get().keySubject()), DATA, row.step().id(), stored.get().payload()),
                            new TypeReference<Map<String, List<String>>>() { });
            result.add(new SystemData(row.step().connectorId(), row.step().system(), connector == null ? "" : connector.owner(),
                    connector == null ? List.of() : connector.activityIds(), values));
        }
        AuditEvent event = AuditEvent.of("connectors.collected.read", Outcome.SUCCESS)
                .withTargets("case:" + caseId, "operation:" + operation.name().toLowerCase());
        if (fanOut != null && fanOut.subjectId() != null) {
            event = event.withTargets(new SubjectId(fanOut.subjectId()).reference());
        }
        audit.record(event);
        return result;
    }

    @Override
    public SystemStep waive(UUID caseId, UUID stepId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason", "is required: say why the case may be completed without this system");
        }
        if (reason.length() > 2000) {
            throw new InvalidInput("reason", "is too long (at most 2000 characters)");
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

    /** Claims and runs every due step (the db-scheduler job; tests call it directly). Returns how many ran. */
    int runDue() {
        Instant now = clock.instant();
        int ran = 0;
        List<UUID> due;
        do {
            due = steps.claimDue(now, now.plus(properties.lease()), now.minus(properties.callbackTimeout()), 20);
            for (UUID id : due) {
                execute(id);
                ran++;
            }
        } while (due.size() == 20);
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
            fail(step, "connector or fan-out missing", false);
            return;
        }
        Identifiers who;
        try {
            who = identifiers(fanOut);
        } catch (RuntimeException e) {
            fail(step, "identifiers unreadable (case data discarded)", false);
            return;
        }
        try {
            SystemCalls.Outcome outcome = calls.run(connector, step, who);
            switch (outcome.kind()) {
                case DONE:
                    complete(step, connector, fanOut, outcome.found());
                    break;
                case AWAITING_CALLBACK:
                    steps.awaitCallback(stepId, "waiting for the system's callback", clock.instant());
                    break;
                default:
                    steps.awaitPerson(stepId, outcome.taskTokenHash(), clock.instant().plus(properties.taskValidity()),
                            "task sent to the responsible person", clock.instant());
            }
        } catch (SystemCalls.StepFailed e) {
            fail(step, e.getMessage(), e.retryable());
        } catch (RuntimeException e) {
            log.warn("Connector step {} of connector {} failed: {}", stepId, step.connectorId(), e.getClass().getSimpleName());
            fail(step, "internal error (" + e.getClass().getSimpleName() + ")", true);
        }
    }

    Identifiers identifiers(Steps.FanOutRow fanOut) {
        UUID caseKey = steps.existingCaseKey(fanOut.caseId()).orElseThrow();
        byte[] sealed = fanOut.identifiers();
        if (sealed == null) {
            throw new IllegalStateException("The case's identifiers are already destroyed");
        }
        Map<String, List<String>> who = json.readValue(cipher.decrypt(new SubjectId(caseKey), IDENTIFIERS,
                identifiersRecord(fanOut.caseId(), fanOut.operation()), sealed),
                new TypeReference<Map<String, List<String>>>() { });
        return new Identifiers(Set.copyOf(who.getOrDefault("emails", List.of())), Set.copyOf(who.getOrDefault("phones", List.of())));
    }

    /** Records a finished step: values encrypted, state DONE, connector outcome, audit (ids and counts only). */
    void complete(SystemStep step, Connector connector, Steps.FanOutRow fanOut, Found found) {
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            if (step.operation() != Operation.ERASE && !found.values().isEmpty()) {
                UUID key = step.operation() == Operation.ACCESS && fanOut.subjectId() != null ? fanOut.subjectId()
                        : steps.caseKey(step.caseId(), now);
                steps.storeCollected(step.id(), key, cipher.encrypt(new SubjectId(key), DATA, step.id(),
                        json.writeValueAsBytes(found.values())), now);
            }
            if (!steps.transition(step.id(), List.of(StepState.RUNNING, StepState.WAITING_FOR_PERSON, StepState.PENDING),
                    StepState.DONE, found.detail(), now)) {
                throw new Conflict("step-settled", "Step settled", "The step is no longer open");
            }
            connectors.recordOutcome(connector.id(), true, found.detail(), now);
            AuditEvent event = AuditEvent.by(actorOrJob(), "connectors.step." + verb(step.operation()), Outcome.SUCCESS)
                    .withTargets("case:" + step.caseId(), "step:" + step.id(), "connector:" + connector.id(),
                            "rows:" + found.rows());
            if (fanOut.subjectId() != null) {
                event = event.withTargets(new SubjectId(fanOut.subjectId()).reference());
            }
            audit.record(event);
        });
    }

    private static Actor actorOrJob() {
        Actor current = no.vern.shared.Actors.current();
        return current.kind() == Actor.Kind.ANONYMOUS ? JOB : current;
    }

    private static String verb(Operation operation) {
        return switch (operation) {
            case ACCESS -> "access";
            case ERASE -> "erase";
            case VERIFY_ERASED -> "verify";
        };
    }

    private void fail(SystemStep step, String detail, boolean retryable) {
        Instant now = clock.instant();
        boolean last = !retryable || step.attempts() >= properties.maxAttempts();
        if (last) {
            steps.transition(step.id(), List.of(StepState.RUNNING), StepState.FAILED, detail, now);
        } else {
            steps.reschedule(step.id(), detail, now.plus(properties.backoffAfter(step.attempts())), now);
        }
        connectors.recordOutcome(step.connectorId(), false, detail, now);
        audit.record(AuditEvent.by(JOB, "connectors.step." + verb(step.operation()), Outcome.FAILURE)
                .withTargets("case:" + step.caseId(), "step:" + step.id(), "connector:" + step.connectorId()));
    }

    /** Destroys the per-case key (identifiers and case-key data become unreadable everywhere, backups included). */
    void discardCaseData(UUID caseId) {
        Optional<UUID> key = steps.existingCaseKey(caseId);
        if (key.isEmpty()) {
            return;
        }
        shredder.shred(new SubjectId(key.get()));
        steps.markCaseKeyDiscarded(caseId, clock.instant());
        audit.record(AuditEvent.by(actorOrJob(), "connectors.case-data.discard", Outcome.SUCCESS).withTargets("case:" + caseId));
    }

    /** Discards case keys of cases settled longer than the retention (housekeeping job). */
    int discardExpired() {
        Instant now = clock.instant();
        List<UUID> cases = steps.casesToDiscard(now.minus(properties.caseDataRetention()));
        cases.forEach(this::discardCaseData);
        steps.forgetSignatures(now.minus(Signatures.REPLAY_WINDOW.multipliedBy(2)));
        return cases.size();
    }

    private static UUID identifiersRecord(UUID caseId, Operation operation) {
        return UUID.nameUUIDFromBytes((caseId + "/" + operation.name()).getBytes(StandardCharsets.UTF_8));
    }

    // --- manual tasks -------------------------------------------------------------------------------

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
    Task openTask(UUID stepId, String token) {
        Steps.Row row = validTask(stepId, token);
        Connector connector = connectors.find(row.step().connectorId()).orElseThrow(() -> new NotFound("task", stepId.toString()));
        Steps.FanOutRow fanOut = steps.fanOut(row.step().caseId(), row.step().operation()).orElseThrow();
        audit.record(AuditEvent.by(Actor.system("connectors-task"), "connectors.task.view", Outcome.SUCCESS)
                .withTargets("case:" + row.step().caseId(), "step:" + stepId));
        return new Task(row.step(), connector, identifiers(fanOut));
    }

    /** The responsible person's answer: an export (access) or a confirmation (erasure). */
    void completeTask(UUID stepId, String token, @Nullable String exportText, boolean confirmed) {
        Steps.Row row = validTask(stepId, token);
        SystemStep step = row.step();
        Connector connector = connectors.find(step.connectorId()).orElseThrow();
        Steps.FanOutRow fanOut = steps.fanOut(step.caseId(), step.operation()).orElseThrow();
        Found found;
        if (step.operation() == Operation.ERASE) {
            if (!confirmed) {
                throw new InvalidInput("confirmed", "confirm that the person was erased in the system");
            }
            found = Found.nothing("erasure confirmed by the responsible person");
        } else if (exportText != null && !exportText.isBlank()) {
            found = new Found(Map.of("export", List.of(exportText)), 1, "export uploaded by the responsible person");
        } else if (confirmed) {
            found = Found.nothing("nothing found, confirmed by the responsible person");
        } else {
            throw new InvalidInput("file", "upload the export, or confirm that nothing was found");
        }
        complete(step, connector, fanOut, found);
    }

    private Steps.Row validTask(UUID stepId, String token) {
        Steps.Row row = steps.find(stepId).orElseThrow(() -> new NotFound("task", stepId.toString()));
        boolean valid = row.step().state() == StepState.WAITING_FOR_PERSON && row.taskTokenHash() != null
                && token != null && token.length() < 100 && MessageDigest.isEqual(row.taskTokenHash(), hash(token))
                && row.taskExpiresAt() != null && clock.instant().isBefore(row.taskExpiresAt());
        if (!valid) {
            throw new NotFound("task", stepId.toString());
        }
        return row;
    }

    // --- webhook callbacks --------------------------------------------------------------------------

    /** Outcome of a callback, for the HTTP status. */
    enum CallbackOutcome { ACCEPTED, REFUSED, UNKNOWN, SETTLED }

    /**
     * A signed callback from a webhook system: verified (signature, replay window, exact replay), then the
     * step is completed or failed. Nothing of the body is logged.
     */
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
            audit.record(AuditEvent.by(Actor.system("connectors-callback"), "connectors.callback.refuse", Outcome.DENIED)
                    .withTargets("step:" + stepId, "connector:" + connector.id()));
            return CallbackOutcome.REFUSED;
        }
        if (!steps.rememberSignature(signature, clock.instant())) {
            audit.record(AuditEvent.by(Actor.system("connectors-callback"), "connectors.callback.replay", Outcome.DENIED)
                    .withTargets("step:" + stepId, "connector:" + connector.id()));
            return CallbackOutcome.REFUSED;
        }
        if (step.state() != StepState.RUNNING || row.awaitingSince() == null) {
            return CallbackOutcome.SETTLED;
        }
        Steps.FanOutRow fanOut = steps.fanOut(step.caseId(), step.operation()).orElseThrow();
        try {
            complete(step, connector, fanOut, calls.webhookResult(body));
        } catch (WebhookSystem.Rejected e) {
            Instant now = clock.instant();
            steps.transition(stepId, List.of(StepState.RUNNING), StepState.FAILED, "callback: " + e.getMessage(), now);
            connectors.recordOutcome(connector.id(), false, "callback: " + e.getMessage(), now);
        }
        return CallbackOutcome.ACCEPTED;
    }

    /** For the dry run: what an access would find, without storing it. */
    Found probe(Connector connector, String email) throws SystemCalls.StepFailed {
        return calls.probe(connector, new Identifiers(Set.of(email), Set.of()));
    }

    /** Wraps SQL errors without their messages (which can quote values) but with our own metadata messages. */
    static String sqlDetail(SQLException e) {
        return e.getSQLState() == null ? Objects.requireNonNullElse(e.getMessage(), "database error") : "database error (SQLSTATE " + e.getSQLState() + ")";
    }
}
