package no.vern.breach.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.breach.Breach;
import no.vern.breach.BreachFacts;
import no.vern.breach.BreachId;
import no.vern.breach.BreachRegister;
import no.vern.breach.Channel;
import no.vern.breach.NewBreach;
import no.vern.breach.NoticeException;
import no.vern.breach.NotificationPhase;
import no.vern.breach.RiskLevel;
import no.vern.breach.BreachDocuments;
import no.vern.processing.ProcessingRecord;
import no.vern.shared.Actors;
import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;
import no.vern.shared.VernClock;
import no.vern.shared.VernProblem;

/**
 * The breach register in the staff console: every staff member can report and see their own
 * reports; the privacy officer assesses, decides and notifies; the auditor reads everything.
 */
@Controller
class BreachConsoleController {

    static final String LIST = "breach/list";
    static final String NEW = "breach/new";
    static final String DETAIL = "breach/detail";
    static final String DRAFT = "breach/draft";
    static final String STAFF = "hasAnyRole('PRIVACY_OFFICER','CASE_HANDLER','SALES','RECRUITER','MARKETING','AUDITOR')";
    static final String READ = "hasAnyRole('PRIVACY_OFFICER','AUDITOR')";
    static final String WRITE = "hasRole('PRIVACY_OFFICER')";
    static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(VernClock.ZONE);

    private final BreachRegister register;
    private final BreachDocuments documents;
    private final ProcessingRecord record;
    private final AuditLog audit;
    private final Clock clock;

    BreachConsoleController(BreachRegister register, BreachDocuments documents, ProcessingRecord record,
            AuditLog audit, Clock clock) {
        this.register = register;
        this.audit = audit;
        this.documents = documents;
        this.record = record;
        this.clock = clock;
    }

    @GetMapping("/console/breach")
    @PreAuthorize(STAFF)
    String list(Model model, Authentication auth) {
        boolean readsAll = auth.getAuthorities().stream()
                .anyMatch(a -> "ROLE_PRIVACY_OFFICER".equals(a.getAuthority()) || "ROLE_AUDITOR".equals(a.getAuthority()));
        List<Breach> breaches = readsAll ? register.list() : register.reportedBy(Actors.current().reference());
        model.addAttribute("breaches", breaches);
        model.addAttribute("readsAll", readsAll);
        model.addAttribute("now", clock.instant());
        model.addAttribute("clock", new ClockView(clock.instant()));
        return LIST;
    }

    @GetMapping("/console/breach/new")
    @PreAuthorize(STAFF)
    String newForm(Model model) {
        model.addAttribute("title", "");
        model.addAttribute("whatHappened", "");
        model.addAttribute("discoveredAt", "");
        model.addAttribute("awareAt", INPUT.format(clock.instant()));
        return NEW;
    }

    @PostMapping("/console/breach")
    @PreAuthorize(STAFF)
    String report(@RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String whatHappened,
            @RequestParam(defaultValue = "") String discoveredAt, @RequestParam(defaultValue = "") String awareAt,
            Model model, RedirectAttributes redirect) {
        try {
            Instant aware = awareAt.isBlank() ? clock.instant() : local(awareAt, "awareAt");
            Breach b = register.report(new NewBreach(title, whatHappened,
                    discoveredAt.isBlank() ? null : local(discoveredAt, "discoveredAt"), aware, Channel.CONSOLE, null));
            redirect.addFlashAttribute("flashKey", "breach.reported");
            redirect.addFlashAttribute("receipt", b.receipt());
            return "redirect:/console/breach";
        } catch (InvalidInput e) {
            model.addAttribute("problems", e.errors());
            model.addAttribute("title", title);
            model.addAttribute("whatHappened", whatHappened);
            model.addAttribute("discoveredAt", discoveredAt);
            model.addAttribute("awareAt", awareAt);
            return NEW;
        }
    }

    @GetMapping("/console/breach/{id}")
    @PreAuthorize(READ)
    String detail(@PathVariable String id, Model model) {
        Breach b = register.get(BreachId.parse(id));
        // The page may show the reporter's contact details: reading it is recorded like any other read.
        audit.record(AuditEvent.of("breach.case.read", Outcome.SUCCESS).withTargets(b.id().reference()));
        return detailView(b, model);
    }

    private String detailView(Breach b, Model model) {
        Instant now = clock.instant();
        model.addAttribute("breach", b);
        model.addAttribute("now", now);
        model.addAttribute("clock", new ClockView(now));
        model.addAttribute("timeline", register.timeline(b.id()));
        model.addAttribute("subjects", register.affectedSubjects(b.id()));
        model.addAttribute("activities", record.current().document().activities());
        model.addAttribute("categories", record.current().document().dataCategories());
        model.addAttribute("risks", RiskLevel.values());
        model.addAttribute("exceptions", NoticeException.values());
        model.addAttribute("notice", register.notice(b.id()));
        model.addAttribute("input", new InputFormat());
        model.addAttribute("officer", hasRole("ROLE_PRIVACY_OFFICER"));
        return DETAIL;
    }

    @PostMapping("/console/breach/{id}/facts")
    @PreAuthorize(WRITE)
    String facts(@PathVariable String id, @RequestParam(defaultValue = "") String whatHappened,
            @RequestParam(defaultValue = "") String howItArose, @RequestParam(defaultValue = "") String mainCause,
            @RequestParam(defaultValue = "") String periodFrom, @RequestParam(defaultValue = "") String periodTo,
            @RequestParam(defaultValue = "") List<String> dataCategories,
            @RequestParam(defaultValue = "") String subjectRelation,
            @RequestParam(defaultValue = "") String approxSubjects, @RequestParam(defaultValue = "") String approxRecords,
            @RequestParam(defaultValue = "") String dataLocation, @RequestParam(defaultValue = "") String consequences,
            @RequestParam(defaultValue = "") String measuresTaken, @RequestParam(defaultValue = "") String measuresPlanned,
            Model model, RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, model, redirect, () -> register.updateFacts(breach, new BreachFacts(whatHappened, howItArose,
                mainCause, optionalLocal(periodFrom, "periodFrom"), optionalLocal(periodTo, "periodTo"), dataCategories,
                Arrays.stream(subjectRelation.split(",")).toList(), number(approxSubjects, "approxSubjects"),
                number(approxRecords, "approxRecords"), dataLocation, consequences, measuresTaken, measuresPlanned)));
    }

    @PostMapping("/console/breach/{id}/activities")
    @PreAuthorize(WRITE)
    String activities(@PathVariable String id, @RequestParam(defaultValue = "") List<String> activities,
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to, Model model,
            RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, model, redirect, () -> register.chooseActivities(breach,
                activities.stream().filter(a -> !a.isBlank()).toList(), optionalLocal(from, "from"),
                optionalLocal(to, "to")));
    }

    @PostMapping("/console/breach/{id}/assessment")
    @PreAuthorize(WRITE)
    String assess(@PathVariable String id, @RequestParam(defaultValue = "") String risk,
            @RequestParam(defaultValue = "") String reasoning, Model model, RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, model, redirect, () -> register.assess(breach, riskOf(risk), reasoning));
    }

    @PostMapping("/console/breach/{id}/decisions")
    @PreAuthorize(WRITE)
    String decide(@PathVariable String id, @RequestParam(defaultValue = "") String decision, Model model,
            RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, model, redirect, () -> register.decide(breach, decision));
    }

    @PostMapping("/console/breach/{id}/authority-notifications")
    @PreAuthorize(WRITE)
    String notifyAuthority(@PathVariable String id, @RequestParam(defaultValue = "INITIAL") String phase,
            @RequestParam(defaultValue = "") String sentAt, @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String delayReason, Model model, RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, model, redirect, () -> register.recordAuthorityNotification(breach, phaseOf(phase),
                sentAt.isBlank() ? clock.instant() : local(sentAt, "sentAt"), reference, delayReason));
    }

    @PostMapping("/console/breach/{id}/subjects")
    @PreAuthorize(WRITE)
    String linkSubjects(@PathVariable String id, @RequestParam(defaultValue = "") String subjectIds, Model model,
            RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, model, redirect, () -> {
            List<SubjectId> ids = new ArrayList<>();
            for (String token : subjectIds.split("[\\s,;]+")) {
                if (!token.isBlank()) {
                    ids.add(SubjectId.parse(token.strip()));
                }
            }
            if (ids.isEmpty()) {
                throw new InvalidInput("subjectIds", "give at least one subject id");
            }
            register.linkSubjects(breach, ids, "id");
            return null;
        });
    }

    @PostMapping("/console/breach/{id}/subjects/audit")
    @PreAuthorize(WRITE)
    String linkFromAudit(@PathVariable String id, @RequestParam(defaultValue = "") String actor,
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to, Model model,
            RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, model, redirect, () -> {
            register.linkFromAudit(breach, actor, local(from, "from"), local(to, "to"));
            return null;
        });
    }

    @PostMapping("/console/breach/{id}/notice-decision")
    @PreAuthorize(WRITE)
    String noticeDecision(@PathVariable String id, @RequestParam(defaultValue = "NOTIFY") String decision,
            @RequestParam(defaultValue = "") String reasoning, @RequestParam(defaultValue = "") String publicNotice,
            Model model, RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, model, redirect, () -> register.decideSubjectNotice(breach,
                "NOTIFY".equals(decision) ? null : exceptionOf(decision), reasoning, publicNotice));
    }

    @PostMapping("/console/breach/{id}/notify-subjects")
    @PreAuthorize(WRITE)
    String notifySubjects(@PathVariable String id, Model model, RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, model, redirect, () -> register.notifySubjects(breach));
    }

    @PostMapping("/console/breach/{id}/close")
    @PreAuthorize(WRITE)
    String close(@PathVariable String id, Model model, RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, model, redirect, () -> register.close(breach));
    }

    @GetMapping(value = "/console/breach/{id}/draft", produces = MediaType.TEXT_HTML_VALUE)
    @PreAuthorize(READ)
    @ResponseBody
    String draft(@PathVariable String id, @RequestParam(defaultValue = "INITIAL") String phase, Locale locale) {
        return documents.draftHtml(register.get(BreachId.parse(id)), phaseOf(phase), locale, false);
    }

    @GetMapping("/console/breach/{id}/draft.pdf")
    @PreAuthorize(READ)
    ResponseEntity<byte[]> draftPdf(@PathVariable String id, @RequestParam(defaultValue = "INITIAL") String phase,
            Locale locale) {
        Breach b = register.get(BreachId.parse(id));
        return file(documents.draftPdf(b, phaseOf(phase), locale), MediaType.APPLICATION_PDF,
                b.receipt() + "-datatilsynet-" + phaseOf(phase).name().toLowerCase(Locale.ROOT) + ".pdf");
    }

    @GetMapping("/console/breach/{id}/draft.txt")
    @PreAuthorize(READ)
    ResponseEntity<byte[]> draftText(@PathVariable String id, @RequestParam(defaultValue = "INITIAL") String phase,
            Locale locale) {
        Breach b = register.get(BreachId.parse(id));
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body(documents.draftText(b, phaseOf(phase), locale).getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping(value = "/console/breach/{id}/report", produces = MediaType.TEXT_HTML_VALUE)
    @PreAuthorize(READ)
    @ResponseBody
    String report(@PathVariable String id, Locale locale) {
        return documents.reportHtml(register.get(BreachId.parse(id)), locale, false);
    }

    @GetMapping("/console/breach/{id}/report.pdf")
    @PreAuthorize(READ)
    ResponseEntity<byte[]> reportPdf(@PathVariable String id, Locale locale) {
        Breach b = register.get(BreachId.parse(id));
        return file(documents.reportPdf(b, locale), MediaType.APPLICATION_PDF, b.receipt() + "-management.pdf");
    }

    private String act(BreachId id, Model model, RedirectAttributes redirect, Supplier<@Nullable Object> action) {
        register.get(id);
        try {
            Object unused = action.get();
            redirect.addFlashAttribute("flashKey", "breach.saved");
            return "redirect:/console/breach/" + id;
        } catch (InvalidInput e) {
            model.addAttribute("problems", e.errors());
        } catch (VernProblem e) {
            model.addAttribute("problems", List.of(new InvalidInput.FieldError(e.slug(), Objects.requireNonNullElse(e.getMessage(), e.slug()))));
        }
        return detailView(register.get(id), model);
    }

    private static ResponseEntity<byte[]> file(byte[] bytes, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name).build().toString())
                .body(bytes);
    }

    private static boolean hasRole(String authority) {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }

    static Instant local(String text, String field) {
        try {
            return LocalDateTime.parse(text.strip()).atZone(VernClock.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be a date and time (yyyy-MM-ddTHH:mm)");
        }
    }

    static @Nullable Instant optionalLocal(String text, String field) {
        return text.isBlank() ? null : local(text, field);
    }

    static @Nullable Long number(String text, String field) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, "must be a whole number");
        }
    }

    static RiskLevel riskOf(String text) {
        try {
            return RiskLevel.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("risk", "choose none, risk or high risk");
        }
    }

    static NotificationPhase phaseOf(String text) {
        try {
            return NotificationPhase.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("phase", "must be INITIAL or FOLLOW_UP");
        }
    }

    static NoticeException exceptionOf(String text) {
        try {
            return NoticeException.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("decision", "is not a known exception");
        }
    }

    /** Formats instants for datetime-local inputs in the company's zone. */
    static final class InputFormat {
        public String of(@Nullable Instant instant) {
            return instant == null ? "" : INPUT.format(instant);
        }
    }

    /** What the clock shows on pages: time left as hours and minutes, and whether it is urgent. */
    static final class ClockView {
        private final Instant now;

        ClockView(Instant now) {
            this.now = now;
        }

        public String left(Breach b) {
            java.time.Duration left = b.timeLeft(now);
            String sign = left.isNegative() ? "-" : "";
            java.time.Duration abs = left.abs();
            return sign + abs.toHours() + " h " + abs.toMinutesPart() + " min";
        }

        public boolean urgent(Breach b) {
            return b.clockRunning() && b.timeLeft(now).toHours() < 24;
        }

        public boolean overdue(Breach b) {
            return b.overdue(now);
        }
    }
}
