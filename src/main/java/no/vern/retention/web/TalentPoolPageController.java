package no.vern.retention.web;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.retention.RetentionNotices;

/**
 * The page behind the link of a notice before deletion: the candidate chooses to stay in the talent pool
 * (which gives the talent-pool consent) or does nothing and is deleted on the date shown. The link token is
 * signed, so the page works without login and cannot be guessed; the page shows no personal data.
 */
@Controller
class TalentPoolPageController {

    static final String PAGE = "retention/talent-pool";
    static final String NB = "/personvern/talentbank/";
    static final String EN = "/privacy/talent-pool/";

    private final RetentionNotices notices;

    TalentPoolPageController(RetentionNotices notices) {
        this.notices = notices;
    }

    @GetMapping(NB + "{token}")
    @PreAuthorize("permitAll()")
    String showNb(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        return show(token, NB, Locale.forLanguageTag("nb"), model, request, response);
    }

    @GetMapping(EN + "{token}")
    @PreAuthorize("permitAll()")
    String showEn(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        return show(token, EN, Locale.ENGLISH, model, request, response);
    }

    @PostMapping(NB + "{token}")
    @PreAuthorize("permitAll()")
    String stayNb(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        return stay(token, NB, Locale.forLanguageTag("nb"), model, request, response);
    }

    @PostMapping(EN + "{token}")
    @PreAuthorize("permitAll()")
    String stayEn(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        return stay(token, EN, Locale.ENGLISH, model, request, response);
    }

    private String show(String token, String base, Locale locale, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        language(locale, request, response);
        return notices.open(token).map(n -> {
            model.addAttribute("notice", n);
            model.addAttribute("action", base + token);
            model.addAttribute("valid", true);
            return PAGE;
        }).orElseGet(() -> invalid(model, response));
    }

    private String stay(String token, String base, Locale locale, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        language(locale, request, response);
        if (!notices.stay(token, locale)) {
            return invalid(model, response);
        }
        return "redirect:" + base + token;
    }

    private static String invalid(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("valid", false);
        return PAGE;
    }

    private static void language(Locale locale, HttpServletRequest request, HttpServletResponse response) {
        request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, locale);
        response.setLocale(locale);
    }
}
