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
    static final SignedLinkPage.Addresses ADDRESSES = new SignedLinkPage.Addresses(NB, EN);

    private final RetentionNotices notices;

    TalentPoolPageController(RetentionNotices notices) {
        this.notices = notices;
    }

    @GetMapping({ NB + "{token}", EN + "{token}" })
    @PreAuthorize("permitAll()")
    String show(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        Locale language = ADDRESSES.language(request);
        return SignedLinkPage.open(notices.open(token), language, request, response, n -> {
            model.addAttribute("notice", n);
            model.addAttribute("action", ADDRESSES.base(language) + token);
            return PAGE;
        });
    }

    @PostMapping({ NB + "{token}", EN + "{token}" })
    @PreAuthorize("permitAll()")
    String stay(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
        Locale language = ADDRESSES.language(request);
        SignedLinkPage.language(language, request, response);
        return notices.stay(token, language) ? "redirect:" + ADDRESSES.base(language) + token
                : SignedLinkPage.refuse(response);
    }
}
