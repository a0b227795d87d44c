package no.vern.consent.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;
import no.vern.consent.HoldPending;
import no.vern.consent.PendingConsents;
import no.vern.consent.PendingItem;
import no.vern.processing.ProcessingRecord;
import no.vern.register.PersonalData;
import no.vern.shared.InvalidInput;
import no.vern.shared.Labels;

/**
 * Registering data that arrived before consent (a CV by email, a business card): recruiters for
 * recruitment and the talent pool, sales for the prospect dialogue. The list shows only that items
 * exist, their purpose and expiry (S4: nothing of the data before consent).
 */
@Controller
class PendingConsoleController {

    static final String PAGE = "consent/pending";
    static final String ROLES = "hasAnyRole('PRIVACY_OFFICER','RECRUITER','SALES')";

    /** The form as typed; re-shown with field errors (never logged). */
    record Form(String purpose, String language, String name, String email, String phone, String cv) {

        @Override
        public String toString() {
            return "Form[" + purpose + ", ***]";
        }
    }

    private final PendingConsents pending;
    private final ProcessingRecord record;
    private final Labels labels;
    private final MessageSource messages;

    PendingConsoleController(PendingConsents pending, ProcessingRecord record, Labels labels, MessageSource messages) {
        this.labels = labels;
        this.messages = messages;
        this.pending = pending;
        this.record = record;
    }

    @GetMapping("/console/consent/pending")
    @PreAuthorize(ROLES)
    String page(Model model, Locale locale, Authentication auth) {
        return show(new Form("", "nb", "", "", "", ""), Map.of(), model, locale, auth);
    }

    @PostMapping("/console/consent/pending")
    @PreAuthorize(ROLES)
    String hold(@RequestParam(defaultValue = "") String purpose, @RequestParam(defaultValue = "nb") String language,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String cv,
            @RequestParam(required = false) @Nullable MultipartFile file, Model model, Locale locale,
            Authentication auth, RedirectAttributes redirect, HttpServletResponse response) throws IOException {
        Form form = new Form(purpose.strip(), language, name, email, phone, cv);
        Map<String, String> errors = new LinkedHashMap<>();
        if (!purposes(auth).contains(form.purpose())) {
            errors.put("purpose", messages.getMessage("consent.pending.error.purpose", null, locale));
        } else {
            MultipartFile upload = file != null && !file.isEmpty() ? file : null;
            try {
                PendingItem item = pending.hold(new HoldPending(form.purpose(), Locale.forLanguageTag(language),
                        new PersonalData(blank(name), blank(email), blank(phone), null, null, null, blank(cv), null),
                        upload != null ? upload.getContentType() : null, upload != null ? upload.getBytes() : null));
                redirect.addFlashAttribute("flashKey", "consent.pending.created");
                redirect.addFlashAttribute("createdId", item.id().toString());
                return "redirect:/console/consent/pending";
            } catch (InvalidInput e) {
                // Why, in the page's language, from the field error's message code.
                e.errors().forEach(f -> errors.merge(f.field(),
                        messages.getMessage("consent.pending.error.because", new Object[] { labels.error(f) }, locale),
                        (a, b) -> a + " " + b));
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return show(form, errors, model, locale, auth);
    }

    private String show(Form form, Map<String, String> errors, Model model, Locale locale, Authentication auth) {
        Set<String> purposes = purposes(auth);
        Map<String, String> names = new LinkedHashMap<>();
        purposes.forEach(p -> record.purpose(p).ifPresent(x -> names.put(p, x.name().in(locale))));
        model.addAttribute("purposes", names);
        model.addAttribute("items", pending.list(purposes));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return PAGE;
    }

    /** Which purposes the user may register pending data for (S20: recruiters candidates, sales prospects). */
    static Set<String> purposes(Authentication auth) {
        Set<String> roles = new LinkedHashSet<>();
        for (GrantedAuthority a : auth.getAuthorities()) {
            roles.add(a.getAuthority());
        }
        Set<String> purposes = new LinkedHashSet<>();
        if (roles.contains("ROLE_PRIVACY_OFFICER") || roles.contains("ROLE_RECRUITER")) {
            purposes.add("recruitment");
            purposes.add("talent-pool");
        }
        if (roles.contains("ROLE_PRIVACY_OFFICER") || roles.contains("ROLE_SALES")) {
            purposes.add("prospect-dialogue");
        }
        return purposes;
    }

    private static @Nullable String blank(String s) {
        return s.isBlank() ? null : s.strip();
    }
}
