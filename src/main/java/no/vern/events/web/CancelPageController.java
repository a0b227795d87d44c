package no.vern.events.web;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;
import no.vern.events.EventRegistry;
import no.vern.events.RegistrationStatus;
import no.vern.shared.SignedLinkPage;

/**
 * The cancel link of a confirmation mail: GET shows the event and one button and never changes
 * anything; POST cancels (frees the seat, moves the waiting list up) and shows a confirmation. The
 * token is the registration id signed with HMAC-SHA256, so the link needs no login and cannot be guessed; a
 * bad one gets the refusal of every signed link ({@link SignedLinkPage}).
 */
@Controller
class CancelPageController {

    static final String PAGE = "events/cancel";
    static final String PATH = "/arrangementer/avmelding/";

    private final EventRegistry registry;

    CancelPageController(EventRegistry registry) {
        this.registry = registry;
    }

    @GetMapping(PATH + "{token}")
    @PreAuthorize("permitAll()")
    String show(@PathVariable String token, @RequestParam(required = false) @Nullable String done, Model model,
            HttpServletResponse response) {
        return SignedLinkPage.open(registry.registrationOfToken(token), response, id -> {
            EventRegistry.RegistrationView view = registry.registration(id);
            model.addAttribute("registration", view);
            model.addAttribute("cancelled", view.status() == RegistrationStatus.CANCELLED);
            model.addAttribute("done", done != null);
            model.addAttribute("action", PATH + token);
            return PAGE;
        });
    }

    @PostMapping(PATH + "{token}")
    @PreAuthorize("permitAll()")
    String cancel(@PathVariable String token, @RequestParam(required = false) @Nullable String lang,
            HttpServletResponse response) {
        return SignedLinkPage.open(registry.registrationOfToken(token), response, id -> {
            registry.cancel(id);
            return "redirect:" + PATH + token + "?done=1" + ("en".equals(lang) ? "&lang=en" : "");
        });
    }
}
