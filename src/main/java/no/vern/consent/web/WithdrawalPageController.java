package no.vern.consent.web;

import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.consent.ConsentReceiptDocument;
import no.vern.shared.SignedLinkPage;

/**
 * The one-click withdrawal of a receipt's link (GDPR Art. 7(3): as easy as giving): GET shows one
 * button and never changes anything, POST withdraws and redirects to a confirmation. Norwegian under
 * {@code /samtykke/trekk-tilbake/}, English under {@code /consent/withdraw/}; the token is the receipt
 * id signed with HMAC-SHA256, so the link works without login and cannot be guessed; a bad one gets the
 * refusal of every signed link ({@link SignedLinkPage}).
 */
@Controller
class WithdrawalPageController {

    static final String PAGE = "consent/withdraw";
    static final String DONE = "consent/withdrawn";
    static final String NB = "/samtykke/trekk-tilbake/";
    static final String EN = "/consent/withdraw/";
    static final SignedLinkPage.Addresses ADDRESSES = new SignedLinkPage.Addresses(NB, EN);

    private final ConsentLedger ledger;

    WithdrawalPageController(ConsentLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping({ NB + "{token}", EN + "{token}" })
    @PreAuthorize("permitAll()")
    String show(@PathVariable String token, @RequestParam(name = "lang", required = false) @Nullable String lang,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        Locale language = ADDRESSES.language(request);
        return ADDRESSES.switchTo(lang, language, token).orElseGet(() ->
                SignedLinkPage.open(ledger.receiptOfToken(token), language, request, response, id -> {
                    ConsentReceiptDocument receipt = receipt(id, model);
                    String base = ADDRESSES.base(language);
                    model.addAttribute("active", receipt.status().grants());
                    model.addAttribute("action", base + token);
                    model.addAttribute("receiptJson", base + token + "/kvittering.json");
                    return PAGE;
                }));
    }

    @PostMapping({ NB + "{token}", EN + "{token}" })
    @PreAuthorize("permitAll()")
    String withdraw(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
        Locale language = ADDRESSES.language(request);
        return SignedLinkPage.open(ledger.receiptOfToken(token), language, request, response, id -> {
            ledger.withdrawReceipt(id, Channel.WITHDRAWAL_LINK, null);
            return "redirect:" + ADDRESSES.base(language) + token
                    + ("en".equals(language.getLanguage()) ? "/done" : "/bekreftet");
        });
    }

    @GetMapping({ NB + "{token}/bekreftet", EN + "{token}/done" })
    @PreAuthorize("permitAll()")
    String done(@PathVariable String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        return SignedLinkPage.open(ledger.receiptOfToken(token), ADDRESSES.language(request), request, response, id -> {
            receipt(id, model);
            return DONE;
        });
    }

    @GetMapping({ NB + "{token}/kvittering.json", EN + "{token}/kvittering.json" })
    @PreAuthorize("permitAll()")
    ResponseEntity<ConsentReceiptDocument> receipt(@PathVariable String token) {
        return ledger.receiptOfToken(token)
                .map(id -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"kvittering-" + id + ".json\"")
                        .header(HttpHeaders.CACHE_CONTROL, "no-store").body(ledger.receipt(id)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** Puts the receipt behind a verified link token in the model. */
    private ConsentReceiptDocument receipt(UUID id, Model model) {
        ConsentReceiptDocument receipt = ledger.receipt(id);
        model.addAttribute("receipt", receipt);
        model.addAttribute("purposeName", receipt.purposes().get(0).name());
        return receipt;
    }
}
