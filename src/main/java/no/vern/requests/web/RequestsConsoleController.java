package no.vern.requests.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.requests.NewRequest;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestChannel;
import no.vern.requests.RequestId;
import no.vern.requests.RequestKind;
import no.vern.requests.RequestStatus;
import no.vern.requests.Requests;
import no.vern.requests.SystemStep;
import no.vern.shared.Actors;
import no.vern.shared.VernClock;
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

    private final Requests requests;
    private final Clock clock;

    RequestsConsoleController(Requests requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
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
    String create(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String channel,
            @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String receivedAt,
            @RequestParam(defaultValue = "nb") String language, @RequestParam(defaultValue = "") String details,
            Model model, RedirectAttributes redirect) {
        try {
            Instant received = receivedAt.isBlank() ? null
                    : LocalDateTime.parse(receivedAt.strip()).atZone(VernClock.ZONE).toInstant();
            Requests.Received r = requests.receive(new NewRequest(RequestKind.valueOf(kind),
                    RequestChannel.valueOf(channel), email, received, Locale.forLanguageTag("en".equals(language) ? "en" : "nb"),
                    details.isBlank() ? null : details));
            redirect.addFlashAttribute("flashKey", r.duplicate() ? "requests.flash.duplicate" : "requests.flash.created");
            return "redirect:/console/requests/" + r.request().id();
        } catch (IllegalArgumentException | DateTimeParseException | VernProblem e) {
            model.addAttribute("kinds", RequestKind.values());
            model.addAttribute("channels", RequestChannel.values());
            model.addAttribute("error", e instanceof VernProblem p ? p.getMessage() : "requests.error.input");
            model.addAttribute("email", email);
            model.addAttribute("details", details);
            model.addAttribute("receivedAt", receivedAt);
            return NEW;
        }
    }

    @GetMapping("/{id}")
    @PreAuthorize(HANDLERS)
    String detail(@PathVariable String id, Model model) {
        RequestId rid = RequestId.parse(id);
        RequestCase c = requests.get(rid);
        List<SystemStep> steps = requests.steps(rid);
        model.addAttribute("request", c);
        model.addAttribute("warning", c.warning(clock.instant()));
        model.addAttribute("contact", requests.contact(rid));
        model.addAttribute("notes", requests.notes(rid));
        model.addAttribute("history", requests.history(rid));
        model.addAttribute("steps", steps);
        model.addAttribute("unsettled", steps.stream().anyMatch(s -> !s.state().settled()));
        model.addAttribute("me", Actors.current().id());
        return DETAIL;
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
        return act(id, r, () -> requests.extend(RequestId.parse(id), months, reasons));
    }

    @PostMapping("/{id}/refuse")
    @PreAuthorize(HANDLERS)
    String refuse(@PathVariable String id, @RequestParam(defaultValue = "") String reasons, RedirectAttributes r) {
        return act(id, r, () -> requests.refuse(RequestId.parse(id), reasons));
    }

    @PostMapping("/{id}/complete")
    @PreAuthorize(HANDLERS)
    String complete(@PathVariable String id, @RequestParam(defaultValue = "") String answer, RedirectAttributes r) {
        return act(id, r, () -> requests.complete(RequestId.parse(id), answer));
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

    @PostMapping("/{id}/steps/{stepId}/retry")
    @PreAuthorize(HANDLERS)
    String retry(@PathVariable String id, @PathVariable String stepId, RedirectAttributes r) {
        return act(id, r, () -> requests.retry(RequestId.parse(id), step(stepId)));
    }

    private String act(String id, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flashKey", "requests.flash.saved");
        } catch (VernProblem e) {
            // Problem details never carry personal data, so the text can be shown as it is.
            redirect.addFlashAttribute("flash", e.getMessage());
        }
        return "redirect:/console/requests/" + RequestId.parse(id);
    }

    private static UUID step(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new no.vern.shared.InvalidInput("stepId", "is not a step id");
        }
    }
}
