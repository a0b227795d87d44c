package no.vern.requests.web;

import java.util.Locale;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.requests.CertificateCheck;
import no.vern.requests.Requests;

/**
 * Verifiable erasure for anyone (issue 20, item 10): the public key that signs erasure certificates at
 * {@code /.well-known/vern-erasure-key} (PEM, for offline checks with standard tools), and a public page in
 * Norwegian ({@code /personvern/kontroller-slettebevis}) and English ({@code /privacy/verify-certificate}) that
 * takes a certificate's text and says whether it holds. The page keeps what was pasted; nothing is stored.
 */
@Controller
class CertificateVerificationController {

    static final String NB = "/personvern/kontroller-slettebevis";
    static final String EN = "/privacy/verify-certificate";
    static final String KEY = "/.well-known/vern-erasure-key";
    private static final int MAX_TEXT = 100_000;

    private final Requests requests;

    CertificateVerificationController(Requests requests) {
        this.requests = requests;
    }

    @GetMapping(value = KEY, produces = "application/x-pem-file")
    @PreAuthorize("permitAll()")
    ResponseEntity<String> publicKey() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                .header("X-Key-Fingerprint-SHA256", requests.certificateKey().fingerprint().replace(" ", ""))
                .body(requests.certificateKey().pem());
    }

    @GetMapping({ NB, EN })
    @PreAuthorize("permitAll()")
    String page(Model model, HttpServletRequest request, HttpServletResponse response) {
        show(model, request, response, "", null);
        return "requests/verify-certificate";
    }

    @PostMapping({ NB, EN })
    @PreAuthorize("permitAll()")
    String check(@RequestParam(defaultValue = "") String text, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        String pasted = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        CertificateCheck check = text.isBlank() ? CertificateCheck.of(CertificateCheck.Result.MALFORMED)
                : requests.checkCertificate(pasted);
        show(model, request, response, pasted, check);
        return "requests/verify-certificate";
    }

    private void show(Model model, HttpServletRequest request, HttpServletResponse response, String text,
            @org.jspecify.annotations.Nullable CertificateCheck check) {
        boolean english = request.getRequestURI().startsWith(EN);
        Locale locale = english ? Locale.ENGLISH : Locale.forLanguageTag("nb");
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken();
        }
        request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, locale);
        response.setLocale(locale);
        model.addAttribute("lang", locale.getLanguage());
        model.addAttribute("action", english ? EN : NB);
        model.addAttribute("otherLanguage", english ? NB : EN);
        model.addAttribute("keyUrl", KEY);
        model.addAttribute("fingerprint", requests.certificateKey().fingerprint());
        model.addAttribute("text", text);
        model.addAttribute("check", check);
        java.time.Instant issued = check == null ? null : check.issuedAt();
        model.addAttribute("issuedAt", issued == null ? "" : java.time.format.DateTimeFormatter.ofPattern("d.M.yyyy HH:mm")
                .withZone(no.vern.shared.VernClock.ZONE).format(issued));
    }
}
