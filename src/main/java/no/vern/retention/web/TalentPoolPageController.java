package no.vern.retention.web;

import java.util.Locale;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.retention.RetentionNotices;
import no.vern.shared.SignedLinkPage;

/**
 * The page behind the link of a notice before deletion: the candidate chooses to stay in the talent pool
 * (which gives the talent-pool consent) or does nothing and is deleted on the date shown. The link token is
 * signed, so the page works without login and cannot be guessed (a bad one gets the refusal of every signed link,
 * {@link SignedLinkPage}); the page shows no personal data.
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
        return show(token, NB, SignedLinkPage.NORWEGIAN, model, request, response);
    }

    @GetMapping(EN + "{token}")
    @PreAuthorize("permitAll()")
    String showEn(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        return show(token, EN, Locale.ENGLISH, model, request, response);
    }

    @PostMapping(NB + "{token}")
    @PreAuthorize("permitAll()")
    String stayNb(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
        return stay(token, NB, SignedLinkPage.NORWEGIAN, request, response);
    }

    @PostMapping(EN + "{token}")
    @PreAuthorize("permitAll()")
    String stayEn(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
        return stay(token, EN, Locale.ENGLISH, request, response);
    }

    private String show(String token, String base, Locale locale, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        return SignedLinkPage.open(notices.open(token), locale, request, response, n -> {
            model.addAttribute("notice", n);
            model.addAttribute("action", base + token);
            return PAGE;
        });
    }

    private String stay(String token, String base, Locale locale, HttpServletRequest request,
            HttpServletResponse response) {
        SignedLinkPage.language(locale, request, response);
        return notices.stay(token, locale) ? "redirect:" + base + token : SignedLinkPage.refuse(response);
    }
}
