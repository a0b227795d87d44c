package no.vern.communications.web;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.communications.Communications;
import no.vern.communications.MailingList;
import no.vern.communications.ObjectionChannel;
import no.vern.communications.Unsubscribe;
import no.vern.shared.NotFound;
import no.vern.shared.SignedLinkPage;

/**
 * The objection behind the link in every list message (S7, markedsføringsloven § 15, GDPR Art. 21(3)):
 * GET shows "stop this list" and "stop everything" and changes nothing (link scanners open links);
 * POST records the objection without login. A POST with {@code List-Unsubscribe=One-Click} is the
 * RFC 8058 one-click request of a mail client and stops the list at once. Norwegian under
 * {@code /avmelding/}, English under {@code /unsubscribe/}; the token is signed (HMAC) and names one
 * person and one list, and a bad one gets the refusal of every signed link ({@link SignedLinkPage}).
 */
@Controller
class UnsubscribePageController {

    static final String PAGE = "communications/unsubscribe";
    static final String DONE = "communications/unsubscribed";
    static final String NB = "/avmelding/";
    static final String EN = "/unsubscribe/";
    static final SignedLinkPage.Addresses ADDRESSES = new SignedLinkPage.Addresses(NB, EN);

    private final Unsubscribe unsubscribe;
    private final Communications communications;

    UnsubscribePageController(Unsubscribe unsubscribe, Communications communications) {
        this.unsubscribe = unsubscribe;
        this.communications = communications;
    }

    @GetMapping({ NB + "{token}", EN + "{token}" })
    @PreAuthorize("permitAll()")
    String show(@PathVariable String token, @RequestParam(name = "lang", required = false) @Nullable String lang,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        Locale language = ADDRESSES.language(request);
        return ADDRESSES.switchTo(lang, language, token).orElseGet(() ->
                SignedLinkPage.open(unsubscribe.link(token), language, request, response, link -> {
                    model.addAttribute("listName", listName(link));
                    model.addAttribute("action", ADDRESSES.base(language) + token);
                    model.addAttribute("stoppedList", link.stoppedList());
                    model.addAttribute("stoppedAll", link.stoppedAll());
                    return PAGE;
                }));
    }

    @PostMapping({ NB + "{token}", EN + "{token}" })
    @PreAuthorize("permitAll()")
    String object(@PathVariable String token,
            @RequestParam(name = "List-Unsubscribe", required = false) @Nullable String oneClick,
            @RequestParam(name = "scope", required = false) @Nullable String scope, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        Locale language = ADDRESSES.language(request);
        return SignedLinkPage.open(unsubscribe.link(token), language, request, response, link -> {
            boolean rfc8058 = "One-Click".equals(oneClick);
            boolean all = !rfc8058 && "all".equals(scope);
            unsubscribe.object(link, all, rfc8058 ? ObjectionChannel.ONE_CLICK : ObjectionChannel.PAGE);
            if (rfc8058) {
                // RFC 8058: the mail client expects a 2xx answer and follows no redirect.
                model.addAttribute("listName", listName(link));
                model.addAttribute("all", false);
                return DONE;
            }
            return "redirect:" + ADDRESSES.base(language) + token
                    + ("en".equals(language.getLanguage()) ? "/done" : "/bekreftet") + (all ? "?scope=all" : "");
        });
    }

    @GetMapping({ NB + "{token}/bekreftet", EN + "{token}/done" })
    @PreAuthorize("permitAll()")
    String done(@PathVariable String token, @RequestParam(name = "scope", required = false) @Nullable String scope,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        return SignedLinkPage.open(unsubscribe.link(token), ADDRESSES.language(request), request, response, link -> {
            model.addAttribute("listName", listName(link));
            model.addAttribute("all", "all".equals(scope));
            return DONE;
        });
    }

    private String listName(Unsubscribe.Link link) {
        return list(link.listId()).map(MailingList::name).orElse("");
    }

    private Optional<MailingList> list(UUID listId) {
        try {
            return Optional.of(communications.list(listId));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }
}
