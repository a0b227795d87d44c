package no.vern.breach.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.shared.KeyedRateLimit;
import no.vern.breach.Breach;
import no.vern.breach.BreachRegister;
import no.vern.breach.Channel;
import no.vern.breach.NewBreach;
import no.vern.shared.DateTimeInput;
import no.vern.shared.InvalidInput;

/**
 * The public breach report form on the privacy center (S22): anyone can tell the company about a
 * breach, without login, rate-limited per address, and gets a receipt number. Norwegian at
 * {@code /personvern/avvik}, English at {@code /privacy/breach}; works without JavaScript.
 */
@Controller
class PublicReportController {

    static final String FORM = "breach/public-form";
    static final String LIMITED = "breach/public-limited";
    static final String NB_PATH = "/personvern/avvik";
    static final String EN_PATH = "/privacy/breach";
    static final Locale NORWEGIAN = Locale.forLanguageTag("nb");
    static final Pattern RECEIPT = Pattern.compile("AVVIK-\\d{4}-\\d{4,6}");

    private final BreachRegister register;
    private final KeyedRateLimit limiter;
    private final Clock clock;

    PublicReportController(BreachRegister register,
            @Value("${vern.breach.public-reports-per-hour:5}") int reportsPerHour, Clock clock) {
        this.register = register;
        this.limiter = KeyedRateLimit.of(reportsPerHour, Duration.ofHours(1), 50_000);
        this.clock = clock;
    }

    @GetMapping(NB_PATH)
    @PreAuthorize("permitAll()")
    String formNb(@RequestParam(name = "lang", required = false) @Nullable String lang,
            @RequestParam(name = "receipt", required = false) @Nullable String receipt, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        if ("en".equals(lang)) {
            return "redirect:" + EN_PATH;
        }
        receipt(receipt, model);
        return show(NORWEGIAN, NB_PATH, EN_PATH, model, request, response);
    }

    @GetMapping(EN_PATH)
    @PreAuthorize("permitAll()")
    String formEn(@RequestParam(name = "lang", required = false) @Nullable String lang,
            @RequestParam(name = "receipt", required = false) @Nullable String receipt, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        if ("nb".equals(lang)) {
            return "redirect:" + NB_PATH;
        }
        receipt(receipt, model);
        return show(Locale.ENGLISH, EN_PATH, NB_PATH, model, request, response);
    }

    @PostMapping(NB_PATH)
    @PreAuthorize("permitAll()")
    String reportNb(PublicReportForm form, BindingResult binding, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        return report(NORWEGIAN, NB_PATH, EN_PATH, form, binding, model, request, response);
    }

    @PostMapping(EN_PATH)
    @PreAuthorize("permitAll()")
    String reportEn(PublicReportForm form, BindingResult binding, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        return report(Locale.ENGLISH, EN_PATH, NB_PATH, form, binding, model, request, response);
    }

    private static void receipt(@Nullable String receipt, Model model) {
        if (receipt != null && RECEIPT.matcher(receipt).matches()) {
            model.addAttribute("receipt", receipt);
        }
    }

    private String show(Locale locale, String path, String other, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, locale);
        response.setLocale(locale);
        model.addAttribute("action", path);
        model.addAttribute("otherLanguage", other);
        if (!model.containsAttribute("whatHappened")) {
            model.addAttribute("whatHappened", "");
            model.addAttribute("discoveredAt", "");
            model.addAttribute("contact", "");
        }
        return FORM;
    }

    /** The public form's fields; missing ones are empty. */
    record PublicReportForm(String whatHappened, @Nullable Instant discoveredAt, String contact) {
        PublicReportForm {
            whatHappened = whatHappened == null ? "" : whatHappened;
            contact = contact == null ? "" : contact;
        }
    }

    private String report(Locale locale, String path, String other, PublicReportForm form, BindingResult binding,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        String whatHappened = form.whatHappened();
        String contact = form.contact();
        if (!limiter.tryAcquire(request.getRemoteAddr())) {
            request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, locale);
            response.setLocale(locale);
            limiter.refusal("Too many reports from this address.").onPage(response);
            model.addAttribute("action", path);
            return LIMITED;
        }
        model.addAttribute("whatHappened", whatHappened);
        model.addAttribute("discoveredAt", DateTimeInput.value(binding, "discoveredAt", form.discoveredAt()));
        model.addAttribute("contact", contact);
        String what = whatHappened.strip();
        Instant discovered = form.discoveredAt();
        if (what.isEmpty() || what.length() > 8000) {
            model.addAttribute("error", "breach.public.error.what");
            return show(locale, path, other, model, request, response);
        }
        if (binding.hasFieldErrors("discoveredAt")) {
            model.addAttribute("error", "breach.public.error.discovered");
            return show(locale, path, other, model, request, response);
        }
        Instant now = clock.instant();
        if (discovered != null && discovered.isAfter(now)) {
            model.addAttribute("error", "breach.public.error.discovered");
            return show(locale, path, other, model, request, response);
        }
        if (contact.strip().length() > NewBreach.MAX_CONTACT) {
            model.addAttribute("error", "breach.public.error.contact");
            return show(locale, path, other, model, request, response);
        }
        try {
            // The company becomes aware when the report arrives: the 72-hour clock starts now.
            Breach breach = register.report(new NewBreach(title(what), what, discovered, now, Channel.PUBLIC_FORM,
                    contact));
            // The receipt number is no personal data; in the address, the thank-you page needs no session.
            return "redirect:" + path + "?receipt=" + breach.receipt();
        } catch (InvalidInput e) {
            model.addAttribute("error", "breach.public.error.what");
            return show(locale, path, other, model, request, response);
        }
    }

    private static String title(String what) {
        String first = what.lines().findFirst().orElse(what).strip();
        return first.length() <= 80 ? first : first.substring(0, 79) + "…";
    }
}
