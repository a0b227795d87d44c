package no.vern.retention.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.register.RetentionView;
import no.vern.retention.ClockEventKind;
import no.vern.retention.DeletedCount;
import no.vern.retention.DueItem;
import no.vern.retention.HoldScope;
import no.vern.retention.ItemStatus;
import no.vern.retention.LegalHolds;
import no.vern.retention.NewHold;
import no.vern.retention.PeriodUnit;
import no.vern.retention.PurgeRun;
import no.vern.retention.Purges;
import no.vern.retention.RetentionClock;
import no.vern.retention.RetentionPolicies;
import no.vern.retention.RetentionRule;
import no.vern.retention.RuleChange;
import no.vern.retention.RuleKind;
import no.vern.shared.Actors;
import no.vern.shared.CsvWriter;
import no.vern.shared.FormFields;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;
import no.vern.shared.VernClock;

/**
 * Retention in the staff console: rules per purpose and category (flagging those without), edits with
 * history, clock events, legal holds, dry runs for review and approval, and the auditor's report.
 * The privacy officer changes things; the auditor reads.
 */
@Controller
class RetentionConsoleController {

    static final String OVERVIEW = "retention/overview";
    static final String RULE = "retention/rule";
    static final String HOLDS = "retention/holds";
    static final String RUN = "retention/run";
    static final String REPORT = "retention/report";
    static final String READ = "hasAnyRole('PRIVACY_OFFICER','AUDITOR')";
    static final String WRITE = "hasRole('PRIVACY_OFFICER')";
    static final String AGREEMENTS = "hasAnyRole('PRIVACY_OFFICER','SALES')";

    private final no.vern.shared.Labels labels;
    private final RetentionPolicies policies;
    private final RetentionClock clockEvents;
    private final LegalHolds holds;
    private final Purges purges;
    private final RetentionView register;
    private final AuditLog audit;
    private final Clock clock;

    RetentionConsoleController(RetentionPolicies policies, RetentionClock clockEvents, LegalHolds holds, Purges purges,
            RetentionView register, AuditLog audit, Clock clock, no.vern.shared.Labels labels) {
        this.labels = labels;
        this.policies = policies;
        this.clockEvents = clockEvents;
        this.holds = holds;
        this.purges = purges;
        this.register = register;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/console/retention")
    @PreAuthorize(READ)
    String overview(Model model) {
        model.addAttribute("coverage", policies.coverage());
        model.addAttribute("missing", policies.coverage().stream().mapToLong(c -> c.missing().size()).sum());
        model.addAttribute("runs", purges.runs(10));
        model.addAttribute("realRunsAllowed", purges.realRunsAllowed());
        model.addAttribute("activeHolds", holds.list().stream().filter(h -> h.active()).count());
        model.addAttribute("organisations", register.organisations());
        model.addAttribute("events", clockEvents.recent(10));
        model.addAttribute("subjectKinds", List.of(ClockEventKind.RECRUITMENT_CLOSED, ClockEventKind.EVENT_HELD,
                ClockEventKind.LAST_ACTIVITY));
        model.addAttribute("today", LocalDate.now(clock));
        return OVERVIEW;
    }

    @GetMapping("/console/retention/rules/{purpose}/{category}")
    @PreAuthorize(READ)
    String rule(@PathVariable String purpose, @PathVariable String category, Model model) {
        RetentionRule current = policies.current(purpose, category).orElse(null);
        RuleChange content = current == null
                ? new RuleChange(RuleKind.AFTER_LAST_ACTIVITY, 12, PeriodUnit.MONTHS, null, 0, "")
                : current.content();
        return ruleView(model, purpose, category, current == null ? 0 : current.version(), content, null);
    }

    @PostMapping("/console/retention/rules/{purpose}/{category}")
    @PreAuthorize(WRITE)
    String changeRule(@PathVariable String purpose, @PathVariable String category, @RequestParam int basedOn,
            @RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "0") String amount,
            @RequestParam(defaultValue = "") String unit, @RequestParam(defaultValue = "") String unlessConsent,
            @RequestParam(defaultValue = "0") String noticeDays, @RequestParam(defaultValue = "") String note,
            Model model, RedirectAttributes redirect) {
        try {
            FormFields fields = new FormFields();
            RuleKind k = fields.requiredChoice(RuleKind.class, "kind", kind);
            Integer length = fields.requiredWholeNumber("amount", amount);
            PeriodUnit u = fields.requiredChoice(PeriodUnit.class, "unit", unit);
            Integer notice = fields.requiredWholeNumber("noticeDays", noticeDays);
            fields.throwIfInvalid();
            RuleChange change = new RuleChange(Objects.requireNonNull(k), Objects.requireNonNull(length),
                    Objects.requireNonNull(u), unlessConsent, Objects.requireNonNull(notice), note);
            policies.change(purpose, category, basedOn, change);
            redirect.addFlashAttribute("flashKey", "retention.rule.saved");
            return "redirect:/console/retention/rules/" + purpose + "/" + category;
        } catch (InvalidInput e) {
            RetentionRule current = policies.current(purpose, category).orElse(null);
            RuleChange shown = current == null ? new RuleChange(RuleKind.AFTER_LAST_ACTIVITY, 12, PeriodUnit.MONTHS,
                    null, 0, "") : current.content();
            return ruleView(model, purpose, category, basedOn, shown, e.errors());
        }
    }

    private String ruleView(Model model, String purpose, String category, int version, RuleChange content,
            @Nullable List<InvalidInput.FieldError> problems) {
        model.addAttribute("purpose", purpose);
        model.addAttribute("category", category);
        model.addAttribute("version", version);
        model.addAttribute("rule", content);
        model.addAttribute("history", policies.history(purpose, category));
        model.addAttribute("kinds", RuleKind.values());
        model.addAttribute("units", PeriodUnit.values());
        model.addAttribute("problems", problems);
        return RULE;
    }

    @PostMapping("/console/retention/agreements")
    @PreAuthorize(AGREEMENTS)
    String agreementEnded(@RequestParam(defaultValue = "") String organisation,
            @RequestParam(defaultValue = "") String endedOn, RedirectAttributes redirect) {
        try {
            clockEvents.agreementEnded(organisation, date(endedOn, "endedOn").atStartOfDay(VernClock.ZONE).toInstant());
            redirect.addFlashAttribute("flashKey", "retention.agreement.recorded");
        } catch (InvalidInput | NotFound e) {
            redirect.addFlashAttribute("flash", labels.problem(e));
        }
        return "redirect:/console/retention";
    }

    @PostMapping("/console/retention/clock-events")
    @PreAuthorize(WRITE)
    String subjectEvent(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String subject,
            @RequestParam(defaultValue = "") String on, RedirectAttributes redirect) {
        try {
            clockEvents.subjectEvent(enumValue(ClockEventKind.class, kind, "kind"), SubjectId.parse(subject.strip()),
                    date(on, "on").atStartOfDay(VernClock.ZONE).toInstant(), null);
            redirect.addFlashAttribute("flashKey", "retention.event.recorded");
        } catch (InvalidInput | NotFound e) {
            redirect.addFlashAttribute("flash", labels.problem(e));
        }
        return "redirect:/console/retention";
    }

    @GetMapping("/console/retention/holds")
    @PreAuthorize(READ)
    String holds(Model model) {
        return holdsView(model, "", "", "", LocalDate.now(clock).plusMonths(6).toString(), HoldScope.SUBJECT.name(), null);
    }

    @PostMapping("/console/retention/holds")
    @PreAuthorize(WRITE)
    String placeHold(@RequestParam(defaultValue = "") String scope, @RequestParam(defaultValue = "") String target,
            @RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String owner,
            @RequestParam(defaultValue = "") String reviewOn, Model model, RedirectAttributes redirect) {
        try {
            FormFields fields = new FormFields();
            HoldScope chosen = fields.requiredChoice(HoldScope.class, "scope", scope);
            LocalDate review = fields.requiredDate("reviewOn", reviewOn);
            fields.throwIfInvalid();
            holds.place(new NewHold(Objects.requireNonNull(chosen), target, reason, owner, Objects.requireNonNull(review)));
            redirect.addFlashAttribute("flashKey", "retention.hold.placed");
            return "redirect:/console/retention/holds";
        } catch (InvalidInput e) {
            return holdsView(model, target, reason, owner, reviewOn, scope, e.errors());
        } catch (NotFound e) {
            return holdsView(model, target, reason, owner, reviewOn, scope,
                    List.of(InvalidInput.FieldError.coded("target", "is not in the register", "retention.error.notInRegister")));
        }
    }

    private String holdsView(Model model, String target, String reason, String owner, String reviewOn, String scope,
            @Nullable List<InvalidInput.FieldError> problems) {
        model.addAttribute("holds", holds.list());
        model.addAttribute("scopes", HoldScope.values());
        model.addAttribute("target", target);
        model.addAttribute("reason", reason);
        model.addAttribute("owner", owner.isBlank() ? Actors.current().id() : owner);
        model.addAttribute("reviewOn", reviewOn);
        model.addAttribute("scope", scope);
        model.addAttribute("problems", problems);
        return HOLDS;
    }

    @PostMapping("/console/retention/holds/{id}/release")
    @PreAuthorize(WRITE)
    String releaseHold(@PathVariable UUID id, RedirectAttributes redirect) {
        holds.release(id);
        redirect.addFlashAttribute("flashKey", "retention.hold.released.flash");
        return "redirect:/console/retention/holds";
    }

    @PostMapping("/console/retention/runs")
    @PreAuthorize(WRITE)
    String dryRun() {
        PurgeRun run = purges.dryRun();
        return "redirect:/console/retention/runs/" + run.id();
    }

    @GetMapping("/console/retention/runs/{id}")
    @PreAuthorize(READ)
    String run(@PathVariable UUID id, Model model) {
        PurgeRun run = purges.run(id).orElseThrow(() -> new NotFound("Purge run", id));
        model.addAttribute("run", run);
        model.addAttribute("summary", purges.summary(id));
        model.addAttribute("items", purges.items(id));
        model.addAttribute("realRunsAllowed", purges.realRunsAllowed());
        // The page lists subject ids (no personal data); reviewing it is recorded all the same.
        audit.record(AuditEvent.of("retention.run.read", Outcome.SUCCESS).withTargets("run:" + id));
        return RUN;
    }

    @PostMapping("/console/retention/runs/{id}/approve")
    @PreAuthorize(WRITE)
    String approve(@PathVariable UUID id, RedirectAttributes redirect) {
        purges.approve(id);
        redirect.addFlashAttribute("flashKey", "retention.run.approved.flash");
        return "redirect:/console/retention/runs/" + id;
    }

    @PostMapping("/console/retention/purge")
    @PreAuthorize(WRITE)
    String purgeNow(RedirectAttributes redirect) {
        PurgeRun run = purges.purge();
        redirect.addFlashAttribute("flashKey", "REFUSED".equals(run.status()) ? "retention.purge.refused"
                : "retention.purge.done");
        return "redirect:/console/retention/runs/" + run.id();
    }

    /** One bar of the monthly chart. */
    record Bar(String month, long items, int x, int y, int height) {
    }

    @GetMapping("/console/retention/reports")
    @PreAuthorize(READ)
    String report(Model model) {
        List<DeletedCount> deleted = purges.deletedPerMonth();
        Instant overdueBefore = clock.instant().minus(Duration.ofDays(1));
        List<DueItem> overdue = purges.dueNow().stream()
                .filter(i -> i.status() == ItemStatus.DUE && i.dueAt().isBefore(overdueBefore)).toList();
        model.addAttribute("deleted", deleted);
        model.addAttribute("overdue", overdue);
        model.addAttribute("bars", bars(deleted, YearMonth.now(clock)));
        return REPORT;
    }

    /** The last twelve months as bars of a server-rendered SVG (no script, no inline style). */
    static List<Bar> bars(List<DeletedCount> deleted, YearMonth current) {
        Map<String, Long> perMonth = new LinkedHashMap<>();
        for (int i = 11; i >= 0; i--) {
            perMonth.put(current.minusMonths(i).toString(), 0L);
        }
        deleted.forEach(d -> perMonth.computeIfPresent(d.month(), (k, v) -> v + d.items()));
        long max = Math.max(1, perMonth.values().stream().mapToLong(Long::longValue).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        int x = 40;
        for (Map.Entry<String, Long> m : perMonth.entrySet()) {
            int height = (int) Math.round(160.0 * m.getValue() / max);
            bars.add(new Bar(m.getKey(), m.getValue(), x, 180 - height, height));
            x += 45;
        }
        return bars;
    }

    @GetMapping("/console/retention/reports.csv")
    @PreAuthorize(READ)
    ResponseEntity<byte[]> reportCsv() {
        StringBuilder csv = new StringBuilder();
        CsvWriter rows = CsvWriter.to(csv).row("month", "purpose", "category", "rule_kind", "items_deleted",
                "records_deleted");
        for (DeletedCount d : purges.deletedPerMonth()) {
            rows.row(d.month(), d.purposeKey(), d.category(), d.kind(), d.items(), d.records());
        }
        audit.record(AuditEvent.of("retention.report.export", Outcome.SUCCESS));
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("retention-deletions.csv").build().toString())
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A choice that must be made, or the field's error at once. */
    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        FormFields fields = new FormFields();
        E chosen = fields.requiredChoice(type, field, value);
        fields.throwIfInvalid();
        return Objects.requireNonNull(chosen);
    }

    /** A date that must be given, or the field's error at once. */
    private static LocalDate date(String value, String field) {
        FormFields fields = new FormFields();
        LocalDate date = fields.requiredDate(field, value);
        fields.throwIfInvalid();
        return Objects.requireNonNull(date);
    }
}
