package no.vern.retention.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.retention.ClockEvent;
import no.vern.retention.ClockEventKind;
import no.vern.retention.PolicyCoverage;
import no.vern.retention.PurgeRun;
import no.vern.retention.Purges;
import no.vern.retention.RetentionClock;
import no.vern.retention.RetentionPolicies;
import no.vern.retention.RetentionRule;
import no.vern.retention.RuleSummary;
import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;
import no.vern.shared.VernClock;

/**
 * Retention for the company's other systems and auditors: the rules with their purpose keys, a dry run of
 * what would be deleted now, and the events that start retention clocks (agreement ended, recruitment
 * closed, event held, last activity).
 */
@RestController
@RequestMapping("/api/v1/retention")
@Tag(name = "Retention", description = "Retention rules, dry runs and retention clock events")
@SecurityRequirement(name = "bearer")
class RetentionApiController {

    private static final String READ = "hasAuthority('SCOPE_retention:read')";
    private static final String WRITE = "hasAuthority('SCOPE_retention:write')";

    private final RetentionPolicies policies;
    private final Purges purges;
    private final RetentionClock clock;

    RetentionApiController(RetentionPolicies policies, Purges purges, RetentionClock clock) {
        this.policies = policies;
        this.purges = purges;
        this.clock = clock;
    }

    /** One rule with the purpose (and activity) it belongs to. */
    record RuleView(String id, String activityId, String purposeKey, String category, int version, String kind,
            int amount, String unit, @Nullable String unlessConsent, int noticeDays, String note, Instant changedAt) {

        static RuleView of(String activityId, RetentionRule r) {
            return new RuleView(r.id(), activityId, r.purposeKey(), r.category(), r.version(), r.kind().name(),
                    r.amount(), r.unit().name(), r.unlessConsent(), r.noticeDays(), r.note(), r.createdAt());
        }
    }

    /** The rules, and the categories of the record that still lack one. */
    record Policies(List<RuleView> rules, List<String> missing) {
    }

    /** What a dry run found, per rule. */
    record DryRun(UUID runId, Instant at, int due, int held, boolean realRunsAllowed, List<RuleDue> rules) {
    }

    /** One rule's figures in a dry run; subjects by id only. */
    record RuleDue(String purposeKey, String category, String kind, int due, int held, int notice,
            List<String> subjects) {

        static RuleDue of(RuleSummary s) {
            return new RuleDue(s.purposeKey(), s.category(), s.kind().name(), s.due(), s.held(), s.notice(),
                    s.subjects().stream().map(id -> id.value().toString()).toList());
        }
    }

    /** When an agreement ended (a date in Europe/Oslo, or an instant). */
    record AgreementEnded(@Nullable LocalDate endedOn, @Nullable Instant endedAt) {
    }

    /** An event about a subject. */
    record SubjectEvent(@Nullable ClockEventKind kind, @Nullable String subjectId, @Nullable Instant at,
            @Nullable String purpose) {
    }

    @GetMapping("/policies")
    @PreAuthorize(READ)
    @Operation(operationId = "listRetentionPolicies", summary = "The retention rules, each with its purpose key, and the categories without a rule")
    Policies policies() {
        List<PolicyCoverage> coverage = policies.coverage();
        List<RuleView> rules = coverage.stream().flatMap(c -> c.entries().stream().filter(e -> e.rule() != null)
                .map(e -> RuleView.of(c.activityId(), e.rule()))).toList();
        List<String> missing = coverage.stream().flatMap(c -> c.missing().stream().map(m -> c.purposeKey() + "/" + m))
                .toList();
        return new Policies(rules, missing);
    }

    @PostMapping("/dry-run")
    @PreAuthorize(WRITE)
    @Operation(operationId = "dryRunRetention", summary = "What would be deleted now, by rule (stored as a dry run for review; deletes nothing)")
    DryRun dryRun() {
        PurgeRun run = purges.dryRun();
        return new DryRun(run.id(), run.startedAt(), run.due(), run.held(), purges.realRunsAllowed(),
                purges.summary(run.id()).stream().map(RuleDue::of).toList());
    }

    @PostMapping("/organisations/{organisation}/agreement-ended")
    @PreAuthorize(WRITE)
    @Operation(operationId = "recordAgreementEnded", summary = "Records that the agreement with an organisation (id or organisation number) ended")
    ClockEvent agreementEnded(@PathVariable String organisation, @RequestBody AgreementEnded body) {
        Instant at = body.endedAt() != null ? body.endedAt()
                : body.endedOn() != null ? body.endedOn().atStartOfDay(VernClock.ZONE).toInstant() : null;
        if (at == null) {
            throw new InvalidInput("endedOn", "is required (a date, or endedAt as an instant)", "retention.error.endedOn");
        }
        return clock.agreementEnded(organisation, at);
    }

    @PostMapping("/clock-events")
    @PreAuthorize(WRITE)
    @Operation(operationId = "recordRetentionClockEvent", summary = "Records that a subject's recruitment closed, an event was held, or a contact happened")
    ClockEvent subjectEvent(@RequestBody SubjectEvent body) {
        if (body.kind() == null) {
            throw new InvalidInput("kind", "is required: RECRUITMENT_CLOSED, EVENT_HELD or LAST_ACTIVITY", "error.field.choose");
        }
        if (body.subjectId() == null || body.at() == null) {
            throw new InvalidInput(body.subjectId() == null ? "subjectId" : "at", "is required", "error.field.required");
        }
        return clock.subjectEvent(body.kind(), SubjectId.parse(body.subjectId()), body.at(), body.purpose());
    }

    @GetMapping("/runs/{id}")
    @PreAuthorize(READ)
    @Operation(operationId = "getRetentionRun", summary = "A dry or real run with its figures per rule")
    DryRun run(@PathVariable UUID id) {
        PurgeRun run = purges.run(id).orElseThrow(() -> new no.vern.shared.NotFound("Purge run", id));
        return new DryRun(run.id(), run.startedAt(), run.due(), run.held(), purges.realRunsAllowed(),
                purges.summary(run.id()).stream().map(RuleDue::of).toList());
    }
}
