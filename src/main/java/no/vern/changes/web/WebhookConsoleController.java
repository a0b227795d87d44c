package no.vern.changes.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.changes.ChangeType;
import no.vern.changes.Webhooks;
import no.vern.shared.InvalidInput;

/**
 * Webhooks in the console (Administrasjon, privacy officer): subscribe a URL to event types, rotate the secret with
 * an overlap, pause and resume, test-send, the delivery log with status codes and latency, and dead letters with
 * replay. A new secret is shown once, in the answer to the post that made it (never put in the session or a URL).
 */
@Controller
class WebhookConsoleController {

    static final String OFFICER = "hasRole('PRIVACY_OFFICER')";
    /** Overlaps offered when rotating, in hours. */
    static final List<Integer> OVERLAP_HOURS = List.of(0, 1, 24, 72, 168);
    private static final int LOG_SIZE = 50;

    private final Webhooks webhooks;

    WebhookConsoleController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** What the create and edit forms hold, kept when the input is refused. */
    record Form(String url, Set<ChangeType> types, boolean active) {
        static Form empty() {
            return new Form("", EnumSet.noneOf(ChangeType.class), true);
        }
    }

    @GetMapping("/console/changes/webhooks")
    @PreAuthorize(OFFICER)
    String list(Model model) {
        return listView(model, Form.empty(), Map.of());
    }

    @PostMapping("/console/changes/webhooks")
    @PreAuthorize(OFFICER)
    String create(@RequestParam(defaultValue = "") String url,
            @RequestParam(name = "types", required = false) @Nullable List<String> types, Model model) {
        Form form = new Form(url.strip(), types(types), true);
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            Webhooks.Issued issued = webhooks.create(url(form.url()), form.types());
            model.addAttribute("issuedSecret", issued.secret());
            model.addAttribute("flashKey", "changes.webhooks.created");
            return detailView(model, issued.subscription(), null);
        } catch (InvalidInput e) {
            e.errors().forEach(f -> errors.putIfAbsent(f.field(), "changes.webhooks.error." + f.field()));
        }
        return listView(model, form, errors);
    }

    @GetMapping("/console/changes/webhooks/{id}")
    @PreAuthorize(OFFICER)
    String show(@PathVariable UUID id, Model model) {
        return detailView(model, webhooks.subscription(id), null);
    }

    @PostMapping("/console/changes/webhooks/{id}")
    @PreAuthorize(OFFICER)
    String update(@PathVariable UUID id, @RequestParam(defaultValue = "") String url,
            @RequestParam(name = "types", required = false) @Nullable List<String> types,
            @RequestParam(defaultValue = "false") boolean active, Model model, RedirectAttributes redirect) {
        Webhooks.Subscription current = webhooks.subscription(id);
        Form form = new Form(url.strip(), types(types), active);
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            webhooks.update(id, url(form.url()), form.types(), form.active());
            redirect.addFlashAttribute("flashKey", current.active() == active ? "changes.webhooks.saved"
                    : active ? "changes.webhooks.resumed" : "changes.webhooks.paused");
            return "redirect:/console/changes/webhooks/" + id;
        } catch (InvalidInput e) {
            e.errors().forEach(f -> errors.putIfAbsent(f.field(), "changes.webhooks.error." + f.field()));
        }
        model.addAttribute("errors", errors);
        return detailView(model, current, form);
    }

    @PostMapping("/console/changes/webhooks/{id}/rotate")
    @PreAuthorize(OFFICER)
    String rotate(@PathVariable UUID id, @RequestParam(defaultValue = "24") int overlapHours, Model model) {
        if (!OVERLAP_HOURS.contains(overlapHours)) {
            throw new InvalidInput("overlapHours", "must be one of " + OVERLAP_HOURS, "error.field.choice");
        }
        Webhooks.Issued issued = webhooks.rotate(id, Duration.ofHours(overlapHours));
        model.addAttribute("issuedSecret", issued.secret());
        model.addAttribute("flashKey", overlapHours == 0 ? "changes.webhooks.rotated.now" : "changes.webhooks.rotated");
        return detailView(model, issued.subscription(), null);
    }

    @PostMapping("/console/changes/webhooks/{id}/test")
    @PreAuthorize(OFFICER)
    String test(@PathVariable UUID id, Model model) {
        model.addAttribute("testResult", webhooks.testSend(id));
        return detailView(model, webhooks.subscription(id), null);
    }

    @PostMapping("/console/changes/webhooks/{id}/delete")
    @PreAuthorize(OFFICER)
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        webhooks.delete(id);
        redirect.addFlashAttribute("flashKey", "changes.webhooks.deleted");
        return "redirect:/console/changes/webhooks";
    }

    @PostMapping("/console/changes/webhooks/deliveries/{id}/replay")
    @PreAuthorize(OFFICER)
    String replay(@PathVariable UUID id, RedirectAttributes redirect) {
        Webhooks.Delivery replayed = webhooks.replay(id);
        redirect.addFlashAttribute("flashKey", "changes.webhooks.replayed");
        return "redirect:/console/changes/webhooks/" + replayed.subscriptionId();
    }

    @PostMapping("/console/changes/webhooks/deliveries/{id}/discard")
    @PreAuthorize(OFFICER)
    String discard(@PathVariable UUID id, RedirectAttributes redirect) {
        Webhooks.Delivery discarded = webhooks.discard(id);
        redirect.addFlashAttribute("flashKey", "changes.webhooks.discarded");
        return "redirect:/console/changes/webhooks/" + discarded.subscriptionId();
    }

    private String listView(Model model, Form form, Map<String, String> errors) {
        model.addAttribute("subscriptions", webhooks.subscriptions());
        model.addAttribute("deadLetters", webhooks.deadLetters(LOG_SIZE));
        model.addAttribute("allTypes", ChangeType.values());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "changes/webhooks";
    }

    private String detailView(Model model, Webhooks.Subscription s, @Nullable Form form) {
        model.addAttribute("subscription", s);
        model.addAttribute("form", form != null ? form : new Form(s.url().toString(), s.types(), s.active()));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        model.addAttribute("allTypes", ChangeType.values());
        model.addAttribute("overlapHours", OVERLAP_HOURS);
        model.addAttribute("deliveries", webhooks.deliveries(s.id(), null, LOG_SIZE));
        model.addAttribute("deadLetters", webhooks.deliveries(s.id(), Webhooks.Status.DEAD, LOG_SIZE));
        return "changes/webhook";
    }

    private static URI url(String text) {
        if (text.isBlank()) {
            throw new InvalidInput("url", "is required", "error.field.required");
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidInput("url", "is not a URL", "error.field.url");
        }
    }

    private static Set<ChangeType> types(@Nullable List<String> names) {
        Set<ChangeType> types = EnumSet.noneOf(ChangeType.class);
        if (names != null) {
            for (String name : names) {
                try {
                    types.add(ChangeType.valueOf(name));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInput("types", "lists an unknown type", "changes.error.unknownType");
                }
            }
        }
        return types;
    }
}
