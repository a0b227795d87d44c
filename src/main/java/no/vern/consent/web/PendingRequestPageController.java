package no.vern.consent.web;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;
import no.vern.consent.PendingConsents;
import no.vern.consent.PendingRequest;
import no.vern.consent.StaleNotice;
import no.vern.shared.Conflict;
import no.vern.shared.SignedLinkPage;

/**
 * The page behind a consent request for data that arrived first (S4, S5): the notice of the purpose,
 * which categories are held (never the values), and two buttons, consent or delete. GET changes
 * nothing; the signed token is the key, so no login is needed, and a bad one gets the refusal of every
 * signed link ({@link SignedLinkPage}).
 */
@Controller
class PendingRequestPageController {

    static final String PAGE = "consent/request";
    static final String PATH = "/samtykke/foresporsel/";

    private final PendingConsents pending;

    PendingRequestPageController(PendingConsents pending) {
        this.pending = pending;
    }

    @GetMapping(PATH + "{token}")
    @PreAuthorize("permitAll()")
    String show(@PathVariable String token, @RequestParam(required = false) @Nullable String answered, Model model,
            Locale locale, HttpServletResponse response) {
        return SignedLinkPage.open(pending.requestOfToken(token, locale), response, request -> {
            model.addAttribute("request", request);
            model.addAttribute("lines", request.notice().text().lines().filter(l -> !l.isBlank()).toList());
            model.addAttribute("action", PATH + token);
            model.addAttribute("lang", "en".equals(locale.getLanguage()) ? "en" : "nb");
            return PAGE;
        });
    }

    @PostMapping(PATH + "{token}")
    @PreAuthorize("permitAll()")
    String answer(@PathVariable String token, @RequestParam(defaultValue = "") String answer,
            @RequestParam(required = false) @Nullable String noticeHash, Model model, Locale locale,
            HttpServletResponse response) {
        PendingRequest request = pending.requestOfToken(token, locale).orElse(null);
        if (request == null) {
            return SignedLinkPage.refuse(response);
        }
        String lang = "en".equals(locale.getLanguage()) ? "&lang=en" : "";
        try {
            if ("yes".equals(answer)) {
                pending.accept(request.id(), noticeHash == null || noticeHash.isBlank() ? null : noticeHash, locale);
            } else if ("no".equals(answer)) {
                pending.decline(request.id());
            } else {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                return show(token, null, model, locale, response);
            }
        } catch (StaleNotice e) {
            model.addAttribute("stale", true);
            response.setStatus(HttpStatus.CONFLICT.value());
            return show(token, null, model, locale, response);
        } catch (Conflict e) {
            // purged or declined meanwhile: the page says so
        }
        return "redirect:" + PATH + token + "?answered=1" + lang;
    }
}
