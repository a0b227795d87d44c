package no.vern.requests.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.requests.CaseStep;
import no.vern.requests.NewRequest;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestChannel;
import no.vern.requests.RequestId;
import no.vern.requests.RequestKind;
import no.vern.requests.RequestStatus;
import no.vern.requests.Requests;
import no.vern.requests.SystemStep;
import no.vern.shared.Actors;
import no.vern.shared.Countdown;
import no.vern.shared.DateTimeInput;
import no.vern.shared.VernProblem;

/**
 * The handlers' console: open cases sorted by due date with warnings at seven and two days, registering a
 * request received in the privacy mailbox with its original time, and the case page with the person's
 * request, the systems' steps, notes, history and the workflow actions.
 */
@Controller
@RequestMapping("/console/requests")
class RequestsConsoleController {

    static final String HANDLERS = "hasAnyRole('PRIVACY_OFFICER','CASE_HANDLER')";
    static final String LIST = "requests/list";
    static final String DETAIL = "requests/detail";
    static final String NEW = "requests/new";

    private final no.vern.shared.Labels labels;
    private final CaseHistoryLines historyLines;
    private final Requests requests;
    private final Clock clock;
    private final no.vern.processing.ProcessingRecord record;

    RequestsConsoleController(Requests requests, Clock clock, no.vern.processing.ProcessingRecord record,
            CaseHistoryLines historyLines, no.vern.shared.Labels labels) {
        this.labels = labels;
        this.historyLines = historyLines;
        this.record = record;
        this.requests = requests;
        this.clock = clock;
    }

    /** A request registered by a handler (letter, phone, mailbox) as Spring binds it; missing texts are empty. */
    record NewRequestForm(String kind, String channel, String email, @Nullable Instant receivedAt, String language,
            String details) {
        NewRequestForm {
            kind = kind == null ? "" : kind;
            channel = channel == null ? "" : channel;
            email = email == null ? "" : email;
            language = language == null ? "nb" : language;
            details = details == null ? "" : details;
        }
    }

    /** An issued erasure certificate with what it says about each connected system (issue 23 item 1). */
    record CertificateView(java.util.UUID id, String sha256, List<no.vern.requests.CertifiedStep> steps) {
    }

    /** A case row with its warning level computed now. */
    record Row(RequestCase request, String warning) {
    }

    @GetMapping
    @PreAuthorize(HANDLERS)
    String list(@RequestParam(name = "status", required = false) @Nullable String status, Model model) {
        RequestStatus s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = RequestStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                s = null;
            }
        }
        Instant now = clock.instant();
        List<Row> rows = requests.list(s, null).stream().map(c -> new Row(c, c.warning(now))).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("statuses", RequestStatus.values());
        model.addAttribute("status", s == null ? "" : s.name());
        return LIST;
    }

    @GetMapping("/new")
    @PreAuthorize(HANDLERS)
    String newForm(Model model) {
        model.addAttribute("kinds", RequestKind.values());
        model.addAttribute("channels", RequestChannel.values());
        return NEW;
    }

    @PostMapping
    @PreAuthorize(HANDLERS)
    String create(NewRequestForm form, BindingResult binding, Model model, RedirectAttributes redirect) {
        String email = form.email();
        String details = form.details();
        try {
            if (binding.hasErrors()) {
                throw new IllegalArgumentException("receivedAt is not a date and time");
            }
            Requests.Received r = requests.receive(new NewRequest(RequestKind.valueOf(form.kind()),
                    RequestChannel.valueOf(form.channel()), email, form.receivedAt(),
                    Locale.forLanguageTag("en".equals(form.language()) ? "en" : "nb"), details.isBlank() ? null : details));
            redirect.addFlashAttribute("flashKey", r.duplicate() ? "requests.flash.duplicate" : "requests.flash.created");
            return "redirect:/console/requests/" + r.request().id();
        } catch (IllegalArgumentException | VernProblem e) {
            model.addAttribute("kinds", RequestKind.values());
            model.addAttribute("channels", RequestChannel.values());
            // Said in the page's language: the problem's field codes or type, or that the input was not valid.
            model.addAttribute("error", e instanceof VernProblem p ? labels.problem(p) : "requests.error.input");
            model.addAttribute("email", email);
            model.addAttribute("details", details);
            model.addAttribute("receivedAt", DateTimeInput.value(binding, "receivedAt", form.receivedAt()));
            return NEW;
        }
    }

    @GetMapping("/{id}")
    @PreAuthorize(HANDLERS)
    String detail(@PathVariable String id, Model model, Locale locale) {
        RequestId rid = RequestId.parse(id);
        RequestCase c = requests.get(rid);
        List<SystemStep> steps = requests.steps(rid);
        model.addAttribute("request", c);
        model.addAttribute("warning", c.warning(clock.instant()));
        model.addAttribute("contact", requests.contact(rid));
        model.addAttribute("notes", requests.notes(rid));
        model.addAttribute("history", historyLines.render(requests.history(rid), locale));
        model.addAttribute("steps", steps);
        model.addAttribute("certificates", requests.certificates(rid).stream().map(e -> new CertificateView(e.id(),
                e.sha256(), no.vern.requests.CertifiedStep.of(e.body()))).toList());
        model.addAttribute("notices", requests.recipientNotices(rid));
        model.addAttribute("noticeOutcomes", java.util.Arrays.stream(no.vern.requests.NoticeState.values())
                .filter(no.vern.requests.NoticeState::settled).toList());
        model.addAttribute("waiting", requests.waiting(rid).orElse(null));
        model.addAttribute("clarifications", no.vern.requests.Clarification.values());
        model.addAttribute("refusalGrounds", java.util.Arrays.stream(no.vern.requests.RefusalGround.values())
                .filter(g -> g.answers(c.kind())).toList());
        boolean unsettled = steps.stream().anyMatch(s -> !s.state().settled());
        model.addAttribute("unsettled", unsettled);
        model.addAttribute("me", Actors.current().id());
        // The workflow as steps, the current one on top (issue 23 item 4), and the deadline's countdown colour.
        model.addAttribute("progress", CaseStep.progress(c, unsettled));
        model.addAttribute("stepOrder", stepOrder(CaseStep.current(c, unsettled)));
        java.time.Duration left = c.timeLeft(clock.instant());
        model.addAttribute("countdown", Countdown.of(left));
        model.addAttribute("leftKey", Countdown.leftKey(left));
        model.addAttribute("leftAmount", Countdown.leftAmount(left));
        // The purposes an objection (Art. 21(1)) or a withdrawal (Art. 7(3)) can be about.
        var purposes = record.current().document().purposes();
        model.addAttribute("objectablePurposes", purposes.stream().filter(p ->
                p.legalBasis() == no.vern.processing.LegalBasis.LEGITIMATE_INTEREST
                || p.legalBasis() == no.vern.processing.LegalBasis.PUBLIC_TASK).toList());
        model.addAttribute("consentPurposes", purposes.stream()
                .filter(p -> p.legalBasis() == no.vern.processing.LegalBasis.CONSENT).toList());
        return DETAIL;
    }

    /** The step sections of the detail page: the current step on top, then the others in their order. */
    static List<CaseStep> stepOrder(@Nullable CaseStep current) {
        List<CaseStep> order = new java.util.ArrayList<>(List.of(CaseStep.values()));
        if (current != null) {
            order.remove(current);
            order.add(0, current);
        }
        return order;
    }

    @PostMapping("/{id}/assign")
    @PreAuthorize(HANDLERS)
    String assign(@PathVariable String id, @RequestParam(defaultValue = "") String assignee, RedirectAttributes r) {
        return act(id, r, () -> requests.assign(RequestId.parse(id), assignee.isBlank() ? Actors.current().id() : assignee));
    }

    @PostMapping("/{id}/verify")
    @PreAuthorize(HANDLERS)
    String verify(@PathVariable String id, @RequestParam(defaultValue = "") String how, RedirectAttributes r) {
        return act(id, r, () -> requests.verify(RequestId.parse(id), how));
    }

    @PostMapping("/{id}/extend")
    @PreAuthorize(HANDLERS)
    String extend(@PathVariable String id, @RequestParam(defaultValue = "0") int months,
            @RequestParam(defaultValue = "") String reasons, RedirectAttributes r) {
        // The page says by how much and to which date (the new due date is the case's own, Art. 12(3)).
        return act(id, r, () -> requests.extend(RequestId.parse(id), months, reasons),
                done -> done.addFlashAttribute("extendedMonths", months));
    }

    @PostMapping("/{id}/ask")
    @PreAuthorize(HANDLERS)
    String ask(@PathVariable String id, @RequestParam(defaultValue = "") String what,
            @RequestParam(defaultValue = "") String question, RedirectAttributes r) {
        return act(id, r, () -> requests.askPerson(RequestId.parse(id),
                choice(no.vern.requests.Clarification.class, what, "what"), question));
    }

    @PostMapping("/{id}/answered")
    @PreAuthorize(HANDLERS)
    String answered(@PathVariable String id, RedirectAttributes r) {
        return act(id, r, () -> requests.personAnswered(RequestId.parse(id)));
    }

    /** A choice field: blank is no choice (the service says it is required), an unknown value is refused. */
    private static <E extends Enum<E>> @Nullable E choice(Class<E> type, String text, String field) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new no.vern.shared.InvalidInput(field, "is not one of the choices offered", "error.field.choice");
        }
    }

    @PostMapping("/{id}/refuse")
    @PreAuthorize(HANDLERS)
    String refuse(@PathVariable String id, @RequestParam(defaultValue = "") String ground,
            @RequestParam(defaultValue = "") String reasons, RedirectAttributes r) {
        String view = act(id, r, () -> requests.refuse(RequestId.parse(id),
                choice(no.vern.requests.RefusalGround.class, ground, "ground"), reasons),
                done -> done.addFlashAttribute("refusedGround", ground)); // the page names the ground (Art. 12(4))
        if (r.getFlashAttributes().containsKey("flash")) {
            // The form keeps what was entered.
            r.addFlashAttribute("refuseGround", ground);
            r.addFlashAttribute("refuseReasons", reasons);
        }
        return view;
    }


    @PostMapping("/{id}/complete")
    @PreAuthorize(HANDLERS)
    String complete(@PathVariable String id, @RequestParam(defaultValue = "") String answer, RedirectAttributes r) {
        return act(id, r, () -> requests.complete(RequestId.parse(id), answer));
    }

    /** GDPR Art. 21: the handler decides an objection (direct marketing is absolute; Art. 21(1) is weighed). */
    @PostMapping("/{id}/objection")
    @PreAuthorize(HANDLERS)
    String objection(@PathVariable String id, @RequestParam(defaultValue = "") String ground,
            @RequestParam(defaultValue = "") String purposeKey, @RequestParam(defaultValue = "false") boolean upheld,
            @RequestParam(defaultValue = "") String reasons, RedirectAttributes r) {
        return act(id, r, () -> requests.decideObjection(RequestId.parse(id), new no.vern.requests.ObjectionDecision(
                "LEGITIMATE_INTEREST".equals(ground) ? no.vern.requests.ObjectionDecision.Ground.LEGITIMATE_INTEREST
                        : "DIRECT_MARKETING".equals(ground) ? no.vern.requests.ObjectionDecision.Ground.DIRECT_MARKETING
                        : null, purposeKey.isBlank() ? null : purposeKey, upheld, reasons)));
    }

    /** GDPR Art. 7(3): the handler withdraws the consents the person named. */
    @PostMapping("/{id}/consent-withdrawal")
    @PreAuthorize(HANDLERS)
    String withdrawal(@PathVariable String id, @RequestParam(required = false) @org.jspecify.annotations.Nullable
            List<String> purposes, RedirectAttributes r) {
        return act(id, r, () -> requests.withdrawConsents(RequestId.parse(id),
                purposes == null ? java.util.Set.of() : java.util.Set.copyOf(purposes)));
    }

    /** GDPR Art. 16: the handler enters the corrected values the person asked for (reject = refuse with reasons). */
    @PostMapping("/{id}/rectify")
    @PreAuthorize(HANDLERS)
    String rectify(@PathVariable String id, @RequestParam(defaultValue = "") String purpose,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String phone, RedirectAttributes r) {
        return act(id, r, () -> requests.rectify(RequestId.parse(id), purpose,
                no.vern.register.PersonalData.contact(name, email, phone)));
    }

    @PostMapping("/{id}/notes")
    @PreAuthorize(HANDLERS)
    String note(@PathVariable String id, @RequestParam(defaultValue = "") String text, RedirectAttributes r) {
        return act(id, r, () -> requests.addNote(RequestId.parse(id), text));
    }

    @PostMapping("/{id}/steps/{stepId}/waive")
    @PreAuthorize(HANDLERS)
    String waive(@PathVariable String id, @PathVariable String stepId, @RequestParam(defaultValue = "") String reason,
            RedirectAttributes r) {
        return act(id, r, () -> requests.waive(RequestId.parse(id), step(stepId), reason));
    }

    /** GDPR Art. 19: the handler records that a recipient was told, or why it was not. */
    @PostMapping("/{id}/recipients/{noticeId}")
    @PreAuthorize(HANDLERS)
    String settleRecipient(@PathVariable String id, @PathVariable String noticeId,
            @RequestParam(defaultValue = "") String outcome, @RequestParam(defaultValue = "") String reason,
            RedirectAttributes r) {
        return act(id, r, () -> requests.settleRecipientNotice(RequestId.parse(id), step(noticeId),
                java.util.Arrays.stream(no.vern.requests.NoticeState.values())
                        .filter(s -> s.settled() && s.name().equals(outcome)).findFirst().orElse(null),
                reason));
    }

    @PostMapping("/{id}/steps/{stepId}/retry")
    @PreAuthorize(HANDLERS)
    String retry(@PathVariable String id, @PathVariable String stepId, RedirectAttributes r) {
        return act(id, r, () -> requests.retry(RequestId.parse(id), step(stepId)));
    }

    private String act(String id, RedirectAttributes redirect, Runnable action) {
        return act(id, redirect, action, done -> done.addFlashAttribute("flashKey", "requests.flash.saved"));
    }

    /** Runs a change; on success {@code done} leaves the next page what to say, else the problem in the page's language. */
    private String act(String id, RedirectAttributes redirect, Runnable action,
            java.util.function.Consumer<RedirectAttributes> done) {
        try {
            action.run();
            done.accept(redirect);
        } catch (VernProblem e) {
            // Said in the page's language from the problem's type and field codes (issue 23).
            redirect.addFlashAttribute("flash", labels.problem(e));
        }
        return "redirect:/console/requests/" + RequestId.parse(id);
    }

    private static UUID step(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new no.vern.shared.InvalidInput("stepId", "is not a step id", "error.field.id");
        }
    }
}
