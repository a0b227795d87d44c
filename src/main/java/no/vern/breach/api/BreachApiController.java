package no.vern.breach.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.breach.AffectedSubject;
import no.vern.breach.AuthorityNotification;
import no.vern.breach.Breach;
import no.vern.breach.BreachFacts;
import no.vern.breach.BreachId;
import no.vern.breach.BreachRegister;
import no.vern.breach.Channel;
import no.vern.breach.Decision;
import no.vern.breach.NewBreach;
import no.vern.breach.NotificationPhase;
import no.vern.breach.RiskLevel;
import no.vern.breach.TimelineEntry;
import no.vern.breach.BreachDocuments;
import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;

/** The breach register over REST for integrations (e.g. a SIEM reporting incidents), with breach scopes. */
@RestController
@RequestMapping("/api/v1/breaches")
@Tag(name = "Breach register", description = "GDPR Arts. 33 and 34: breaches, the 72-hour clock, notifications")
class BreachApiController {

    static final String READ = "hasAuthority('SCOPE_breaches:read')";
    static final String WRITE = "hasAuthority('SCOPE_breaches:write')";

    private final BreachRegister register;
    private final BreachDocuments documents;

    BreachApiController(BreachRegister register, BreachDocuments documents) {
        this.register = register;
        this.documents = documents;
    }

    record ReportRequest(@Nullable String title, @Nullable String whatHappened, @Nullable OffsetDateTime awareAt,
            @Nullable OffsetDateTime discoveredAt) {
    }

    record Created(String id, String receipt, Instant notifyAuthorityBy) {
    }

    record Summary(String id, String receipt, String title, String status, @Nullable RiskLevel risk, Instant awareAt,
            Instant notifyAuthorityBy, boolean clockRunning, boolean authorityNotified) {
        static Summary of(Breach b) {
            return new Summary(b.id().toString(), b.receipt(), b.title(), b.status().name(), b.risk(), b.awareAt(),
                    b.notifyAuthorityBy(), b.clockRunning(), b.authorityNotified());
        }
    }

    /** The register entry as the API shows it: everything but the reporter's contact details. */
    record Detail(String id, String receipt, String title, String status, Channel channel, String reportedBy,
            Instant reportedAt, @Nullable Instant discoveredAt, Instant awareAt, Instant notifyAuthorityBy,
            BreachFacts facts, List<String> activities, @Nullable RiskLevel risk, String riskReasoning,
            @Nullable String assessedBy, @Nullable Instant assessedAt, @Nullable String noticeDecision,
            String noticeReasoning, String publicNotice, @Nullable Instant closedAt,
            List<AuthorityNotification> notifications, List<Decision> decisions, int affectedSubjects,
            @Nullable Long estimatedSubjects, @Nullable Long estimatedRecords) {
        static Detail of(Breach b) {
            return new Detail(b.id().toString(), b.receipt(), b.title(), b.status().name(), b.channel(), b.reportedBy(),
                    b.reportedAt(), b.discoveredAt(), b.awareAt(), b.notifyAuthorityBy(), b.facts(), b.activities(),
                    b.risk(), b.riskReasoning(), b.assessedBy(), b.assessedAt(), b.noticeDecision(),
                    b.noticeReasoning(), b.publicNotice(), b.closedAt(), b.notifications(), b.decisions(),
                    b.affectedSubjects(), b.estimatedSubjects(), b.estimatedRecords());
        }
    }

    record AssessmentRequest(@Nullable RiskLevel risk, @Nullable String reasoning) {
    }

    record NotificationRequest(@Nullable NotificationPhase phase, @Nullable OffsetDateTime sentAt,
            @Nullable String reference, @Nullable String delayReason) {
    }

    record SubjectsRequest(@Nullable List<String> subjectIds, @Nullable String actor, @Nullable OffsetDateTime from,
            @Nullable OffsetDateTime to) {
    }

    record Linked(int added) {
    }

    /** A linked person as the API shows it: the opaque id and the state of the notice. */
    record Affected(String subject, String source, Instant linkedAt, @Nullable String noticeStatus,
            @Nullable Instant notifiedAt, @Nullable String noticeLanguage) {
        static Affected of(AffectedSubject s) {
            return new Affected(s.subject().toString(), s.source(), s.linkedAt(), s.noticeStatus(), s.notifiedAt(),
                    s.noticeLanguage());
        }
    }

    @PostMapping
    @PreAuthorize(WRITE)
    @Operation(operationId = "reportBreach", summary = "Report a breach", description = "Starts the 72-hour clock: notifyAuthorityBy = awareAt + 72 real hours (GDPR Art. 33(1)).")
    ResponseEntity<Created> report(@RequestBody ReportRequest request) {
        if (request.awareAt() == null) {
            throw new InvalidInput("awareAt", "is required (ISO 8601 with offset)", "breach.error.awareAt");
        }
        Breach b = register.report(new NewBreach(Objects.requireNonNullElse(request.title(), ""), Objects.requireNonNullElse(request.whatHappened(), ""),
                request.discoveredAt() == null ? null : request.discoveredAt().toInstant(),
                request.awareAt().toInstant(), Channel.API, null));
        return ResponseEntity.created(URI.create("/api/v1/breaches/" + b.id()))
                .body(new Created(b.id().toString(), b.receipt(), b.notifyAuthorityBy()));
    }

    @GetMapping
    @PreAuthorize(READ)
    @Operation(operationId = "listBreaches", summary = "Every breach, newest first, notified or not (Art. 33(5))")
    List<Summary> list() {
        return register.list().stream().map(Summary::of).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize(READ)
    @Operation(operationId = "getBreach", summary = "One breach with its facts, assessment, decisions and notifications")
    Detail get(@PathVariable String id) {
        return Detail.of(register.get(BreachId.parse(id)));
    }

    @PatchMapping("/{id}/assessment")
    @PreAuthorize(WRITE)
    @Operation(operationId = "assessBreach", summary = "Record the risk assessment (none / risk / high risk) with its reasoning")
    Detail assess(@PathVariable String id, @RequestBody AssessmentRequest request) {
        BreachId breach = BreachId.parse(id);
        register.get(breach);
        if (request.risk() == null) {
            throw new InvalidInput("risk", "is required: NONE, RISK or HIGH_RISK", "error.field.choose");
        }
        return Detail.of(register.assess(breach, request.risk(), Objects.requireNonNullElse(request.reasoning(), "")));
    }

    @PostMapping("/{id}/authority-notifications")
    @PreAuthorize(WRITE)
    @Operation(operationId = "notifyAuthorityOfBreach", summary = "Record a notification to Datatilsynet", description = "After the deadline, delayReason is required (Art. 33(1)).")
    ResponseEntity<Detail> notifyAuthority(@PathVariable String id, @RequestBody NotificationRequest request) {
        BreachId breach = BreachId.parse(id);
        register.get(breach);
        if (request.phase() == null || request.sentAt() == null) {
            throw new InvalidInput("phase", "phase (INITIAL or FOLLOW_UP) and sentAt are required", "breach.error.phaseAndSentAt");
        }
        Breach b = register.recordAuthorityNotification(breach, request.phase(), request.sentAt().toInstant(),
                request.reference() == null ? "" : request.reference(),
                request.delayReason() == null ? "" : request.delayReason());
        return ResponseEntity.status(201).body(Detail.of(b));
    }

    @PostMapping("/{id}/affected-subjects")
    @PreAuthorize(WRITE)
    @Operation(operationId = "linkAffectedSubjects", summary = "Link affected people by subject id, or from the audit log (actor between from and to)")
    Linked link(@PathVariable String id, @RequestBody SubjectsRequest request) {
        BreachId breach = BreachId.parse(id);
        register.get(breach);
        if (request.actor() != null) {
            if (request.from() == null || request.to() == null) {
                throw new InvalidInput("from", "from and to are required with actor", "breach.error.fromTo");
            }
            return new Linked(register.linkFromAudit(breach, request.actor(), request.from().toInstant(),
                    request.to().toInstant()));
        }
        if (request.subjectIds() == null || request.subjectIds().isEmpty()) {
            throw new InvalidInput("subjectIds", "give subject ids, or actor with from and to", "breach.error.subjectIdsOrActor");
        }
        return new Linked(register.linkSubjects(breach, request.subjectIds().stream().map(SubjectId::parse).toList(), "id"));
    }

    @GetMapping("/{id}/affected-subjects")
    @PreAuthorize(READ)
    @Operation(operationId = "listAffectedSubjects", summary = "The people linked to a breach (ids only) and the state of their notice")
    List<Affected> affected(@PathVariable String id) {
        return register.affectedSubjects(BreachId.parse(id)).stream().map(Affected::of).toList();
    }

    @GetMapping("/{id}/authority-draft")
    @PreAuthorize(READ)
    @Operation(operationId = "getAuthorityNotificationDraft", summary = "The Datatilsynet notification draft as text to paste into the authority's form",
            description = "phase INITIAL or FOLLOW_UP (Art. 33(4)); lang nb (default) or en.")
    ResponseEntity<String> draft(@PathVariable String id, @RequestParam(defaultValue = "INITIAL") String phase,
            @RequestParam(defaultValue = "nb") String lang) {
        NotificationPhase p;
        try {
            p = NotificationPhase.valueOf(phase.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("phase", "must be INITIAL or FOLLOW_UP", "error.field.choose");
        }
        Locale locale = "en".equals(lang) ? Locale.ENGLISH : Locale.forLanguageTag("nb");
        String text = documents.draftText(register.get(BreachId.parse(id)), p, locale);
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8)).body(text);
    }

    @GetMapping("/{id}/timeline")
    @PreAuthorize(READ)
    @Operation(operationId = "getBreachTimeline", summary = "Everything done on the breach, append-only")
    List<TimelineEntry> timeline(@PathVariable String id) {
        return register.timeline(BreachId.parse(id));
    }
}
