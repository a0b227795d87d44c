package no.vern.communications.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.communications.Communications;
import no.vern.communications.StaffObjection;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;

/**
 * Staff record an objection to direct marketing that arrived by phone, letter, the privacy mailbox or in
 * person (GDPR Art. 21(2)–(3)); the address travels in the form body only, never in a URL.
 */
@Controller
class ObjectionConsoleController {

    static final String FORM = "communications/objection-form";

    private final Communications communications;

    ObjectionConsoleController(Communications communications) {
        this.communications = communications;
    }

    /** The form as typed (kept on errors). */
    record ObjectionForm(@Nullable String email, @Nullable String listId, @Nullable String received) {

        @Override
        public String toString() {
            return "ObjectionForm[***, " + listId + ", " + received + "]";
        }
    }

    @GetMapping("/console/communications/objections/new")
    @PreAuthorize(CommunicationsConsoleController.WRITERS)
    String form(Model model) {
        return form(model, new ObjectionForm("", "", "phone"), Map.of());
    }

    @PostMapping("/console/communications/objections")
    @PreAuthorize(CommunicationsConsoleController.WRITERS)
    String record(@ModelAttribute ObjectionForm form, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        UUID list = null;
        try {
            list = form.listId() == null || form.listId().isBlank() ? null : UUID.fromString(form.listId());
        } catch (IllegalArgumentException e) {
            errors.put("listId", "communications.objection.error.list");
        }
        if (form.email() == null || form.email().isBlank()) {
            errors.put("email", "communications.objection.error.email");
        }
        if (!errors.isEmpty()) {
            return form(model, form, errors);
        }
        try {
            communications.recordStaffObjection(new StaffObjection(form.email(), null, list, form.received()));
            // One answer whether or not anybody is held under the address: the objection reaches every entry held
            // under it, of every kind, but the console must not tell a role whether a person it may not see (a
            // candidate, say) is held (register role × purpose matrix). The statement is true in both cases.
            redirect.addFlashAttribute("flashKey", "communications.objection.recorded");
            return "redirect:/console/communications/objections/new";
        } catch (InvalidInput e) {
            e.errors().forEach(err -> errors.put(err.field(), "communications.objection.error." + err.field()));
            return form(model, form, errors);
        } catch (NotFound e) {
            errors.put("listId", "communications.objection.error.list");
            return form(model, form, errors);
        }
    }

    private String form(Model model, ObjectionForm form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("lists", communications.lists());
        return FORM;
    }
}
