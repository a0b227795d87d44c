package no.vern.processing.web;

import java.util.Locale;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.processing.PolicyText;
import no.vern.processing.ProcessingRecord;

/**
 * The published privacy policy (S9, S30), generated from the current version of the record:
 * {@code /personvern} in Norwegian and {@code /privacy} in English. The language follows the
 * address, not the visitor's cookie, and switching language moves to the other address.
 */
@Controller
class PolicyController {

    static final String VIEW = "processing/policy";
    static final Locale NORWEGIAN = Locale.forLanguageTag("nb");

    private final ProcessingRecord record;

    PolicyController(ProcessingRecord record) {
        this.record = record;
    }

    @GetMapping("/personvern")
    @PreAuthorize("permitAll()")
    String norwegian(@RequestParam(name = "lang", required = false) String lang, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        if ("en".equals(lang)) {
            return "redirect:/privacy";
        }
        return render(NORWEGIAN, PolicyText.RIGHTS_NB, "/privacy", model, request, response);
    }

    @GetMapping("/privacy")
    @PreAuthorize("permitAll()")
    String english(@RequestParam(name = "lang", required = false) String lang, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        if ("nb".equals(lang)) {
            return "redirect:/personvern";
        }
        return render(Locale.ENGLISH, PolicyText.RIGHTS_EN, "/personvern", model, request, response);
    }

    private String render(Locale locale, String rightsUrl, String otherLanguage, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        // The page's language is given by its address: set it for this request only (no cookie).
        request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, locale);
        response.setLocale(locale);
        PolicyText policy = record.policy(locale);
        model.addAttribute("policy", policy);
        model.addAttribute("rightsUrl", rightsUrl);
        model.addAttribute("otherLanguage", otherLanguage);
        model.addAttribute("recordDate", PolicyText.date(record.version(policy.version()).orElseThrow().createdAt(), locale));
        return VIEW;
    }
}
