package no.vern.connectors.internal;

import no.vern.shared.AddressGuard;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.connectors.ConnectionCheck;
import no.vern.connectors.Connector;
import no.vern.connectors.ConnectorRegistry;
import no.vern.connectors.ConnectorType;
import no.vern.connectors.DryRun;
import no.vern.connectors.NewConnector;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.shared.Actors;
import no.vern.shared.Conflict;
import no.vern.shared.EmailAddresses;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;

/** The connector registry: validates registrations, tests connections, runs count-only dry runs. */
class ConnectorService implements ConnectorRegistry {

    private final Connectors connectors;
    private final ProcessingRecord record;
    private final SystemCalls calls;
    private final CaseData caseData;
    private final AddressGuard guard;
    private final AuditLog audit;
    private final Clock clock;
    private final AddressGuard.Allowances allowances;
    private final TaskDomains taskDomains;

    ConnectorService(Connectors connectors, ProcessingRecord record, SystemCalls calls, CaseData caseData, AddressGuard guard,
            AuditLog audit, Clock clock, AddressGuard.Allowances allowances, TaskDomains taskDomains) {
        this.allowances = allowances;
        this.taskDomains = taskDomains;
        this.connectors = connectors;
        this.record = record;
        this.calls = calls;
        this.caseData = caseData;
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<Connector> list() {
        return connectors.list();
    }

    @Override
    public Optional<Connector> find(UUID id) {
        return connectors.find(id);
    }

    @Override
    @Transactional
    public Connector register(NewConnector c) {
        if (c.type() == null) {
            throw new InvalidInput("type", "is required (JDBC, WEBHOOK or MANUAL)", "connectors.error.typeRequired");
        }
        String name = required("name", c.name(), 100);
        String owner = required("owner", c.owner(), 200);
        String ownerEmail = c.ownerEmail() == null || c.ownerEmail().isBlank() ? null
                : EmailAddresses.normalise(c.ownerEmail(), "ownerEmail");
        if (c.type() == ConnectorType.MANUAL && ownerEmail == null) {
            throw new InvalidInput("ownerEmail", "is required for a manual connector (tasks are sent there)", "connectors.error.ownerRequired");
        }
        if (c.type() == ConnectorType.MANUAL && !taskDomains.allows(ownerEmail)) {
            // Task pages show whom to look for and take an upload that becomes part of the answer: only people of
            // the organisation (allowed mail domains) receive them.
            throw new InvalidInput("ownerEmail", "must be an address of the organisation's staff (allowed domains: "
                    + String.join(", ", taskDomains.domains()) + ", set in vern.connectors.task-domains)", "connectors.error.ownerDomain", String.join(", ", taskDomains.domains()));
        }
        if (c.activityIds().isEmpty()) {
            throw new InvalidInput("activityIds", "name at least one processing activity the system serves", "connectors.error.noActivity");
        }
        ProcessingRecordDocument document = record.current().document();
        for (int i = 0; i < c.activityIds().size(); i++) {
            String activity = c.activityIds().get(i);
            if (document.activity(activity).isEmpty()) {
                // A rejected value is echoed only if it has the shape of an id; anything else (markup, personal
                // data) is named by its position.
                String which = activity.matches("[A-Za-z0-9_.-]{1,80}") ? "'" + activity + "'" : "entry " + (i + 1);
                throw new InvalidInput("activityIds", which + " is not an activity in the record of processing", "connectors.error.unknownActivity",
                        activity.matches("[A-Za-z0-9_.-]{1,80}") ? activity : "#" + (i + 1));
            }
        }
        String config = c.config() == null ? "" : c.config();
        ConnectorConfig parsed = ConnectorConfig.parseNew(c.type(), config);
        String host = parsed instanceof ConnectorConfig.Webhook webhook ? webhook.url().getHost()
                : parsed instanceof ConnectorConfig.Jdbc jdbc ? JdbcTarget.parse(jdbc.url()).host() : null;
        if (host != null) {
            // Literal addresses are checked now under the server's allowances; names when they are called (resolved once).
            try {
                guard.checkLiteral(host, allowances);
            } catch (AddressGuard.Refused e) {
                AddressGuard.Reason why = e.reason();
                // The reason as a code: said in the reader's language (label.address-refusal.*), in English for the API.
                throw new InvalidInput("config", "url: " + why.english() + (why.configurable()
                        ? " (allowed only by the server's configuration)" : ""), why.configurable()
                                ? "connectors.error.addressConfigurable" : "connectors.error.addressRefused", why.argument());
            }
        }
        if (connectors.nameTaken(name)) {
            throw new Conflict("connector-name-taken", "Name taken", "A connector with this name exists");
        }
        UUID id = UUID.randomUUID();
        NewConnector clean = new NewConnector(name, owner, ownerEmail, c.type(), List.copyOf(c.activityIds()), config);
        connectors.insert(id, clean, Actors.current().reference(), clock.instant());
        audit.record(AuditEvent.of("connectors.connector.register", Outcome.SUCCESS).withTargets("connector:" + id));
        return connectors.find(id).orElseThrow();
    }

    @Override
    @Transactional
    public Connector approve(UUID id) {
        Connector connector = connectors.find(id).orElseThrow(() -> new NotFound("connector", id.toString()));
        if (!connectors.approve(id, Actors.current().reference(), clock.instant())) {
            throw new Conflict("connector-approved", "Connector already approved", "The connector is approved and active");
        }
        audit.record(AuditEvent.of("connectors.connector.approve", Outcome.SUCCESS).withTargets("connector:" + connector.id()));
        return connectors.find(id).orElseThrow();
    }

    @Override
    public ConnectionCheck test(UUID id) {
        Connector connector = connectors.find(id).orElseThrow(() -> new NotFound("connector", id.toString()));
        Instant now = clock.instant();
        boolean ok;
        StepDetail detail;
        try {
            detail = calls.test(connector);
            ok = true;
        } catch (SystemCalls.StepFailed e) {
            detail = e.detail();
            ok = false;
        }
        // The English says it was a test; the code says what the test found.
        connectors.recordOutcome(id, ok, new StepDetail(detail.code(), detail.args(), "test: " + detail.english()), now);
        audit.record(AuditEvent.of("connectors.connector.test", ok ? Outcome.SUCCESS : Outcome.FAILURE).withTargets("connector:" + id));
        return new ConnectionCheck(id, ok, detail.english(), now, detail.code(), detail.args());
    }

    @Override
    public DryRun dryRun(UUID id, String email) {
        Connector connector = connectors.find(id).orElseThrow(() -> new NotFound("connector", id.toString()));
        String normalised = EmailAddresses.normalise(email, "email");
        Found found;
        try {
            found = calls.probe(connector, new Identifiers(Set.of(normalised), Set.of()));
        } catch (SystemCalls.StepFailed e) {
            throw new InvalidInput(InvalidInput.FieldError.coded("connector", e.getMessage(), e.detail().code(),
                    e.detail().args().toArray(String[]::new)));
        }
        audit.record(AuditEvent.of("connectors.connector.dry-run", Outcome.SUCCESS).withTargets("connector:" + id,
                "rows:" + found.rows()));
        return new DryRun(id, found.rows(), JdbcSystem.counts(found));
    }

    @Override
    public void discardCaseData(UUID caseId) {
        caseData.discard(caseId);
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, "is required", "error.field.required");
        }
        if (value.strip().length() > max) {
            throw new InvalidInput(field, "is too long (at most " + max + " characters)", "error.field.tooLong", String.valueOf(max));
        }
        return value.strip();
    }
}
