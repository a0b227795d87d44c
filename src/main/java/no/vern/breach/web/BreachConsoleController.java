package no.vern.breach.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.breach.Breach;
import no.vern.breach.BreachStep;
import no.vern.breach.BreachId;
import no.vern.breach.BreachRegister;
import no.vern.breach.Channel;
import no.vern.breach.NewBreach;
import no.vern.breach.NoticeException;
import no.vern.breach.RiskLevel;
import no.vern.processing.ProcessingRecord;
import no.vern.shared.Actors;
import no.vern.shared.DateTimeInput;
import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;
import no.vern.shared.VernProblem;

/**
 * The breach register in the staff console: every staff member can report and see their own
 * reports; the privacy officer assesses, decides and notifies; the auditor reads everything. The
 * documents are in {@link BreachDocumentsController}; the forms are {@link BreachForms}.
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

    private final BreachRegister register;
    private final ProcessingRecord record;
    private final AuditLog audit;
    private final Clock clock;

    BreachConsoleController(BreachRegister register, ProcessingRecord record, AuditLog audit, Clock clock) {
        this.register = register;
        this.audit = audit;
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
        model.addAttribute("awareAt", DateTimeInput.value(clock.instant()));
        return NEW;
    }

    @PostMapping("/console/breach")
    @PreAuthorize(STAFF)
    String report(BreachForms.ReportForm form, BindingResult binding, Model model, RedirectAttributes redirect) {
        try {
            if (binding.hasErrors()) {
                throw new InvalidInput(BreachForms.problems(binding));
            }
            Instant aware = form.awareAt() == null ? clock.instant() : form.awareAt();
            Breach b = register.report(new NewBreach(form.title(), form.whatHappened(), form.discoveredAt(), aware,
                    Channel.CONSOLE, null));
            redirect.addFlashAttribute("flashKey", "breach.reported");
            redirect.addFlashAttribute("receipt", b.receipt());
            return "redirect:/console/breach";
        } catch (InvalidInput e) {
            model.addAttribute("problems", e.errors());
            model.addAttribute("title", form.title());
            model.addAttribute("whatHappened", form.whatHappened());
            model.addAttribute("discoveredAt", DateTimeInput.value(binding, "discoveredAt", form.discoveredAt()));
            model.addAttribute("awareAt", DateTimeInput.value(binding, "awareAt", form.awareAt()));
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
        model.addAttribute("officer", hasRole("ROLE_PRIVACY_OFFICER"));
        model.addAttribute("steps", BreachStep.progress(b));
        model.addAttribute("stepOrder", stepOrder(BreachStep.current(b)));
        return DETAIL;
    }

    /** The step sections of the detail page: the current step on top, then the others in their order. */
    static List<BreachStep> stepOrder(@Nullable BreachStep current) {
        List<BreachStep> order = new ArrayList<>(List.of(BreachStep.values()));
        if (current != null) {
            order.remove(current);
            order.add(0, current);
        }
        return order;
    }

    @PostMapping("/console/breach/{id}/facts")
    @PreAuthorize(WRITE)
    String facts(@PathVariable String id, BreachForms.FactsForm form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        model.addAttribute("factsInput", form); // a refused form shows what was typed, not the stored facts
        return act(breach, binding, model, redirect, () -> register.updateFacts(breach, form.facts()));
    }

    @PostMapping("/console/breach/{id}/activities")
    @PreAuthorize(WRITE)
    String activities(@PathVariable String id, BreachForms.ActivitiesForm form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, binding, model, redirect,
                () -> register.chooseActivities(breach, form.activities(), form.from(), form.to()));
    }

    @PostMapping("/console/breach/{id}/assessment")
    @PreAuthorize(WRITE)
    String assess(@PathVariable String id, @RequestParam(defaultValue = "") String risk,
            @RequestParam(defaultValue = "") String reasoning, Model model, RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, null, model, redirect, () -> register.assess(breach, BreachForms.riskOf(risk), reasoning));
    }

    @PostMapping("/console/breach/{id}/decisions")
    @PreAuthorize(WRITE)
    String decide(@PathVariable String id, @RequestParam(defaultValue = "") String decision, Model model,
            RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, null, model, redirect, () -> register.decide(breach, decision));
    }

    @PostMapping("/console/breach/{id}/authority-notifications")
    @PreAuthorize(WRITE)
    String notifyAuthority(@PathVariable String id, BreachForms.AuthorityNotificationForm form, BindingResult binding,
            Model model, RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, binding, model, redirect, () -> register.recordAuthorityNotification(breach,
                BreachForms.phaseOf(form.phase()), form.sentAt() == null ? clock.instant() : form.sentAt(),
                form.reference(), form.delayReason()));
    }

    @PostMapping("/console/breach/{id}/subjects")
    @PreAuthorize(WRITE)
    String linkSubjects(@PathVariable String id, @RequestParam(defaultValue = "") String subjectIds, Model model,
            RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, null, model, redirect, () -> {
            List<SubjectId> ids = new ArrayList<>();
            for (String token : subjectIds.split("[\\s,;]+")) {
                if (!token.isBlank()) {
                    ids.add(SubjectId.parse(token.strip()));
                }
            }
            if (ids.isEmpty()) {
                throw new InvalidInput("subjectIds", "give at least one subject id", "breach.error.subjectIds");
            }
            register.linkSubjects(breach, ids, "id");
            return null;
        });
    }

    @PostMapping("/console/breach/{id}/subjects/audit")
    @PreAuthorize(WRITE)
    String linkFromAudit(@PathVariable String id, BreachForms.AuditLinkForm form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, binding, model, redirect, () -> {
            register.linkFromAudit(breach, form.actor(), form.requiredFrom(), form.requiredTo());
            return null;
        });
    }

    @PostMapping("/console/breach/{id}/notice-decision")
    @PreAuthorize(WRITE)
    String noticeDecision(@PathVariable String id, @RequestParam(defaultValue = "NOTIFY") String decision,
            @RequestParam(defaultValue = "") String reasoning, @RequestParam(defaultValue = "") String publicNotice,
            Model model, RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, null, model, redirect, () -> register.decideSubjectNotice(breach,
                "NOTIFY".equals(decision) ? null : BreachForms.exceptionOf(decision), reasoning, publicNotice));
    }

    @PostMapping("/console/breach/{id}/notify-subjects")
    @PreAuthorize(WRITE)
    String notifySubjects(@PathVariable String id, Model model, RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, null, model, redirect, () -> register.notifySubjects(breach));
    }

    @PostMapping("/console/breach/{id}/close")
    @PreAuthorize(WRITE)
    String close(@PathVariable String id, Model model, RedirectAttributes redirect) {
        BreachId breach = BreachId.parse(id);
        return act(breach, null, model, redirect, () -> register.close(breach));
    }

    /** Runs a change and shows the case again, with the problems when the form or the change was refused. */
    private String act(BreachId id, @Nullable BindingResult binding, Model model, RedirectAttributes redirect,
            Supplier<@Nullable Object> action) {
        register.get(id);
        try {
            if (binding != null && binding.hasErrors()) {
                throw new InvalidInput(BreachForms.problems(binding));
            }
            Object unused = action.get();
            redirect.addFlashAttribute("flashKey", "breach.saved");
            return "redirect:/console/breach/" + id;
        } catch (InvalidInput e) {
            model.addAttribute("problems", e.errors());
        } catch (VernProblem e) {
            // No field: the problem's own message (problem.<slug>) says why, in the page's language.
            model.addAttribute("problems", List.of(InvalidInput.FieldError.coded("", Objects.requireNonNullElse(e.getMessage(), e.slug()),
                    "problem." + e.slug())));
        }
        return detailView(register.get(id), model);
    }

    private static boolean hasRole(String authority) {
        return Actors.hasAnyAuthority(authority);
    }
}
