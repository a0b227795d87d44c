package no.vern.requests.web;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import no.vern.processing.Activity;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.requests.PrivacyCenter;
import no.vern.requests.PrivacyCenter.ExportFormat;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestId;
import no.vern.requests.RequestKind;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.TooManyRequests;

/**
 * The public privacy center (S14): the rights explained from the record of processing and a chooser ("What do you
 * want to do?") leading to one short form per kind of request (issue 23 item 5), with an error summary on top that
 * takes focus; the code page; the case page with the access export for a verified person. Norwegian
 * under {@code /personvern/rettigheter}, English under {@code /privacy/rights}; no JavaScript needed. The
 * answer to a form is the same whether or not the address is on file (no enumeration).
 */
@Controller
class PrivacyCenterController {

    static final String RIGHTS = "requests/rights";
    static final String CODE = "requests/code";
    static final String CASE = "requests/case";
    static final String LIMITED = "requests/limited";
    static final String NB = "/personvern/rettigheter";
    static final String EN = "/privacy/rights";
    static final String VERIFIED = "requests.verified";
    private static final Locale NORWEGIAN = Locale.forLanguageTag("nb");

    private final PrivacyCenter center;
    private final ProcessingRecord record;

    PrivacyCenterController(PrivacyCenter center, ProcessingRecord record) {
        this.center = center;
        this.record = record;
    }

    /** Paths and language of one of the two public trees. */
    record Lang(Locale locale, String base, String other, String code, String kase, String export) {
        static Lang of(HttpServletRequest request) {
            return request.getRequestURI().startsWith(EN)
                    ? new Lang(Locale.ENGLISH, EN, NB, EN + "/code/", EN + "/case/", "/export.")
                    : new Lang(NORWEGIAN, NB, EN, NB + "/kode/", NB + "/sak/", "/eksport.");
        }
    }

    /**
     * The chooser, or with {@code kind} the one form for that right. {@code chooser} marks a submitted chooser, so a
     * choice left empty is said to be missing instead of showing the chooser again without a word.
     */
    @GetMapping({ NB, EN })
    @PreAuthorize("permitAll()")
    String rights(@RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String chooser, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        Lang lang = lang(request, response);
        if (kind == null && chooser == null) {
            return showRights(lang, model, null, null);
        }
        RequestKind k = kindOrNull(kind);
        return k == null ? showRights(lang, model, null, "requests.public.error.kind") : showRights(lang, model, k, null);
    }

    @PostMapping({ NB, EN })
    @PreAuthorize("permitAll()")
    String submit(@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String details, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        long started = System.nanoTime();
        Lang lang = lang(request, response);
        RequestKind k = kindOrNull(kind);
        if (k == null) {
            return showRights(lang, model, null, "requests.public.error.kind");
        }
        try {
            RequestId id = center.submit(k, email, lang.locale(), details.isBlank() ? null : details,
                    request.getRemoteAddr());
            return "redirect:" + lang.code() + id;
        } catch (TooManyRequests e) {
            return limited(e, lang, model, response);
        } catch (InvalidInput e) {
            model.addAttribute("email", email);
            model.addAttribute("details", details);
            return showRights(lang, model, k, e.errors().get(0).field().equals("details") ? "requests.public.error.details"
                    : "requests.public.error.email");
        } finally {
            center.awaitAnswerFloor(started); // after the commit: on file or not, the answer takes as long
        }
    }

    @GetMapping({ NB + "/kode/{id}", EN + "/code/{id}" })
    @PreAuthorize("permitAll()")
    String codePage(@PathVariable String id, @RequestParam(name = "wrong", required = false) @Nullable String wrong,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        Lang lang = lang(request, response);
        RequestId rid = RequestId.parse(id);
        center.status(rid);
        model.addAttribute("id", rid.toString());
        model.addAttribute("action", lang.code() + rid);
        model.addAttribute("resend", lang.code() + rid + "/" + (lang.locale() == Locale.ENGLISH ? "new" : "ny"));
        model.addAttribute("wrong", wrong != null);
        return CODE;
    }

    @PostMapping({ NB + "/kode/{id}", EN + "/code/{id}" })
    @PreAuthorize("permitAll()")
    String checkCode(@PathVariable String id, @RequestParam(defaultValue = "") String code, Model model,
            HttpServletRequest request, HttpServletResponse response, HttpSession session) {
        Lang lang = lang(request, response);
        RequestId rid = RequestId.parse(id);
        try {
            if (center.verify(rid, code, request.getRemoteAddr())) {
                Set<String> cases = new HashSet<>(verified(session));
                cases.add(rid.toString());
                session.setAttribute(VERIFIED, cases);
                request.changeSessionId();
                return "redirect:" + lang.kase() + rid;
            }
        } catch (TooManyRequests e) {
            return limited(e, lang, model, response);
        }
        return "redirect:" + lang.code() + rid + "?wrong";
    }

    @PostMapping({ NB + "/kode/{id}/ny", EN + "/code/{id}/new" })
    @PreAuthorize("permitAll()")
    String resend(@PathVariable String id, Model model, HttpServletRequest request, HttpServletResponse response) {
        long started = System.nanoTime();
        Lang lang = lang(request, response);
        RequestId rid = RequestId.parse(id);
        try {
            center.resend(rid, request.getRemoteAddr());
        } catch (TooManyRequests e) {
            return limited(e, lang, model, response);
        } finally {
            center.awaitAnswerFloor(started);
        }
        return "redirect:" + lang.code() + rid;
    }

    @GetMapping({ NB + "/sak/{id}", EN + "/case/{id}" })
    @PreAuthorize("permitAll()")
    String casePage(@PathVariable String id, Model model, HttpServletRequest request, HttpServletResponse response,
            HttpSession session) {
        Lang lang = lang(request, response);
        RequestId rid = RequestId.parse(id);
        boolean verified = verified(session).contains(rid.toString());
        model.addAttribute("id", rid.toString());
        model.addAttribute("verified", verified);
        model.addAttribute("codePage", lang.code() + rid);
        model.addAttribute("resend", lang.code() + rid + "/" + (lang.locale() == Locale.ENGLISH ? "new" : "ny"));
        if (verified) {
            RequestCase c = center.status(rid);
            model.addAttribute("request", c);
            model.addAttribute("erasure", center.erasureState(rid, lang.locale()).orElse(null));
            model.addAttribute("downloads", center.downloadable(rid)
                    ? List.of(ExportFormat.values()).stream().map(f -> new Link(f.name(),
                            lang.kase() + rid + lang.export() + f.name().toLowerCase(Locale.ROOT))).toList()
                    : List.of());
        }
        return CASE;
    }

    /** A download link of the case page. */
    record Link(String format, String href) {
    }

    @GetMapping({ NB + "/sak/{id}/eksport.{format}", EN + "/case/{id}/export.{format}" })
    @PreAuthorize("permitAll()")
    ResponseEntity<byte[]> download(@PathVariable String id, @PathVariable String format, HttpServletRequest request,
            HttpSession session) {
        RequestId rid = RequestId.parse(id);
        if (!verified(session).contains(rid.toString())) {
            // Behind the same verification: back to the case page, which offers a code.
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .location(java.net.URI.create(Lang.of(request).kase() + rid)).build();
        }
        ExportFormat f;
        try {
            f = ExportFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFound("Format", format.length() > 10 ? "?" : format);
        }
        PrivacyCenter.Download d = center.download(rid, f).orElseThrow(() -> new NotFound("Export", rid));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(d.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.filename()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(d.content());
    }

    /**
     * The chooser (no {@code kind}) or the form of one right; {@code error} is the message key of what was wrong, shown
     * in the error summary and at its field ({@code kind} on the chooser, {@code email} or {@code details} on a form).
     */
    private String showRights(Lang lang, Model model, @Nullable RequestKind kind, @Nullable String error) {
        ProcessingRecordDocument doc = record.current().document();
        List<Activity> activities = doc.activities();
        model.addAttribute("activities", activities);
        model.addAttribute("company", doc.companyProfile());
        model.addAttribute("lang", lang.locale().getLanguage());
        model.addAttribute("kinds", RequestKind.values());
        model.addAttribute("kind", kind == null ? "" : kind.name());
        model.addAttribute("action", lang.base());
        model.addAttribute("otherLanguage", kind == null ? lang.other() : lang.other() + "?kind=" + kind.name());
        model.addAttribute("error", error);
        model.addAttribute("errorField", error == null ? "" : switch (error) {
            case "requests.public.error.details" -> "details";
            case "requests.public.error.email" -> "email";
            default -> "kind";
        });
        if (!model.containsAttribute("email")) {
            model.addAttribute("email", "");
            model.addAttribute("details", "");
        }
        return RIGHTS;
    }

    private static @Nullable RequestKind kindOrNull(@Nullable String kind) {
        if (kind == null) {
            return null;
        }
        try {
            return RequestKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String limited(TooManyRequests limit, Lang lang, Model model, HttpServletResponse response) {
        limit.onPage(response);
        model.addAttribute("action", lang.base());
        return LIMITED;
    }

    private static Lang lang(HttpServletRequest request, HttpServletResponse response) {
        Lang lang = Lang.of(request);
        // Create the CSRF token (and its session) now: a long page commits the response before the forms render.
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken();
        }
        request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, lang.locale());
        response.setLocale(lang.locale());
        return lang;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> verified(HttpSession session) {
        Object v = session.getAttribute(VERIFIED);
        return v instanceof Set<?> set ? (Set<String>) set : new HashSet<>();
    }
}
