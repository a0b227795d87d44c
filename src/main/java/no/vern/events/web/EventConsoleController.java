package no.vern.events.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;
import no.vern.events.Event;
import no.vern.events.EventRegistry;
import no.vern.events.NewEvent;
import no.vern.shared.Conflict;
import no.vern.shared.DateTimeInput;
import no.vern.shared.InvalidInput;

/**
 * The events console: staff (privacy officer, marketing) create events, see the participants (read
 * from the register for the purpose {@code events}, audited), check people in and export the list.
 */
@Controller
class EventConsoleController {

    static final String STAFF = "hasAnyRole('PRIVACY_OFFICER','MARKETING')";

    /** The new-event form as Spring binds it (times in Oslo time); missing texts are empty. */
    record EventForm(String title, @Nullable Instant startsAt, String place, String capacity,
            @Nullable Instant signupDeadline, boolean askPhone, boolean askCompany) {
        EventForm {
            title = title == null ? "" : title;
            place = place == null ? "" : place;
            capacity = capacity == null ? "" : capacity;
        }
    }

    /** The new-event form as typed; re-shown with field errors. */
    record EventFormView(String title, String startsAt, String place, String capacity, String signupDeadline,
            boolean askPhone, boolean askCompany) {
    }

    private final EventRegistry registry;
    private final String baseUrl;

    EventConsoleController(EventRegistry registry, @Value("${vern.base-url}") String baseUrl) {
        this.registry = registry;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @GetMapping("/console/events")
    @PreAuthorize(STAFF)
    String list(Model model) {
        model.addAttribute("events", registry.list());
        return "events/list";
    }

    @GetMapping("/console/events/new")
    @PreAuthorize(STAFF)
    String newEvent(Model model) {
        return form(new EventFormView("", "", "", "50", "", false, false), Map.of(), model);
    }

    @PostMapping("/console/events")
    @PreAuthorize(STAFF)
    String create(EventForm input, BindingResult binding, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        String title = input.title();
        String place = input.place();
        String capacity = input.capacity();
        boolean askPhone = input.askPhone();
        boolean askCompany = input.askCompany();
        EventFormView form = new EventFormView(title, DateTimeInput.value(binding, "startsAt", input.startsAt()), place,
                capacity, DateTimeInput.value(binding, "signupDeadline", input.signupDeadline()), askPhone, askCompany);
        Map<String, String> errors = new LinkedHashMap<>();
        Instant starts = input.startsAt();
        Instant deadline = binding.hasFieldErrors("signupDeadline") ? null
                : input.signupDeadline() == null ? starts : input.signupDeadline();
        if (starts == null) {
            errors.put("startsAt", "events.form.error.startsAt");
        }
        if (deadline == null) {
            errors.put("signupDeadline", "events.form.error.signupDeadline");
        }
        int seats = 0;
        try {
            seats = Integer.parseInt(capacity.strip());
        } catch (NumberFormatException e) {
            errors.put("capacity", "events.form.error.capacity");
        }
        if (errors.isEmpty() && starts != null && deadline != null) {
            try {
                Event event = registry.create(new NewEvent(title, starts, place, seats, deadline, askPhone, askCompany));
                redirect.addFlashAttribute("flashKey", "events.created.flash");
                return "redirect:/console/events/" + event.id();
            } catch (InvalidInput e) {
                e.errors().forEach(f -> errors.put(f.field(), "events.form.error." + f.field()));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return form(form, errors, model);
    }

    @GetMapping("/console/events/{id}")
    @PreAuthorize(STAFF)
    String detail(@PathVariable UUID id, Model model) {
        Event event = registry.get(id);
        model.addAttribute("event", event);
        model.addAttribute("participants", registry.participants(id));
        model.addAttribute("publicUrl", baseUrl + "/arrangementer/" + id);
        return "events/detail";
    }

    @PostMapping("/console/events/{id}/registrations/{registrationId}/check-in")
    @PreAuthorize(STAFF)
    String checkIn(@PathVariable UUID id, @PathVariable UUID registrationId, RedirectAttributes redirect) {
        try {
            registry.checkIn(id, registrationId);
            redirect.addFlashAttribute("flashKey", "events.checkedIn.flash");
        } catch (Conflict e) {
            redirect.addFlashAttribute("flashKey", "events.checkIn.notConfirmed");
        }
        return "redirect:/console/events/" + id;
    }

    @GetMapping("/console/events/{id}/participants.csv")
    @PreAuthorize(STAFF)
    ResponseEntity<byte[]> csv(@PathVariable UUID id) {
        registry.get(id);
        byte[] body = registry.participantsCsv(id).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"deltakere-" + id + ".csv\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
    }

    private String form(EventFormView form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "events/new";
    }
}
