package no.vern.events.web;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.shared.KeyedRateLimit;
import no.vern.consent.StaleNotice;
import no.vern.events.AlreadySignedUp;
import no.vern.events.Event;
import no.vern.events.EventRegistry;
import no.vern.events.RegistrationStatus;
import no.vern.events.SignUp;
import no.vern.events.SignUpClosed;
import no.vern.events.SignUpResult;
import no.vern.processing.LegalBasis;
import no.vern.processing.NoticeText;
import no.vern.processing.ProcessingRecord;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;

/**
 * The public sign-up page of an event ({@code /arrangementer/<id>}, Norwegian by default, English with
 * {@code ?lang=en}); a plain form that works without JavaScript. The notice for the event is shown on
 * the form and its hash posted back, so the consent recorded is the one the person saw (GDPR Art. 7(1));
 * the CRM and newsletter choices are separate, unticked boxes (Art. 7(2), recital 32).
 */
@Controller
class SignUpPageController {

    static final String PAGE = "events/signup";

    /** The sign-up form as typed; re-shown with field errors (never logged). */
    record Form(String name, String email, String phone, String company, boolean crmConsent, boolean newsletter) {

        @Override
        public String toString() {
            return "Form[***]";
        }
    }

    private final EventRegistry registry;
    private final ProcessingRecord record;
    private final Clock clock;
    private final MessageSource messages;
    private final KeyedRateLimit limiter;

    SignUpPageController(EventRegistry registry, ProcessingRecord record, Clock clock, MessageSource messages,
            @Value("${vern.events.sign-ups-per-hour:20}") int signUpsPerHour) {
        this.messages = messages;
        this.registry = registry;
        this.record = record;
        this.clock = clock;
        this.limiter = KeyedRateLimit.of(signUpsPerHour, Duration.ofHours(1), 50_000);
    }

    @GetMapping("/arrangementer/{id}")
    @PreAuthorize("permitAll()")
    String page(@PathVariable String id, @RequestParam(required = false) @Nullable String status, Model model,
            Locale locale) {
        Event event = registry.get(eventId(id));
        if ("CONFIRMED".equals(status) || "WAITING".equals(status)) {
            model.addAttribute("signedUp", status);
        }
        return show(event, new Form("", "", "", "", false, false), Map.of(), null, model, locale);
    }

    @PostMapping("/arrangementer/{id}")
    @PreAuthorize("permitAll()")
    String signUp(@PathVariable String id, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String phone,
            @RequestParam(defaultValue = "") String company, @RequestParam(defaultValue = "false") boolean crmConsent,
            @RequestParam(defaultValue = "false") boolean newsletter,
            @RequestParam(required = false) @Nullable String noticeHash,
            @RequestParam(required = false) @Nullable String crmNoticeHash,
            @RequestParam(required = false) @Nullable String newsletterNoticeHash, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        Event event = registry.get(eventId(id));
        Form form = new Form(name, email, phone, company, crmConsent, newsletter);
        if (!limiter.tryAcquire(request.getRemoteAddr())) {
            limiter.refusal("Too many sign-ups from this address.").onPage(response);
            return show(event, form, Map.of(), "events.signup.error.limited", model, locale);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String general = null;
        try {
            SignUpResult result = registry.signUp(event.id(), new SignUp(name, email, phone, company, crmConsent,
                    newsletter, locale, blank(noticeHash), blank(crmNoticeHash), blank(newsletterNoticeHash)));
            // Only the status goes into the address, never what the person typed.
            return "redirect:/arrangementer/" + event.id() + "?status=" + result.status()
                    + ("en".equals(locale.getLanguage()) ? "&lang=en" : "");
        } catch (InvalidInput e) {
            e.errors().forEach(f -> errors.put(f.field(), "events.signup.error." + f.field()));
        } catch (AlreadySignedUp e) {
            general = "events.signup.error.already";
        } catch (SignUpClosed e) {
            general = "events.signup.closed";
        } catch (StaleNotice e) {
            general = "events.signup.error.notice";
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return show(event, form, errors, general, model, locale);
    }

    private String show(Event event, Form form, Map<String, String> errors, @Nullable String general, Model model,
            Locale locale) {
        NoticeText notice = record.notice("events", locale);
        NoticeText crm = record.notice("prospect-dialogue", locale);
        NoticeText newsletter = record.notice("newsletter", locale);
        model.addAttribute("event", event);
        model.addAttribute("open", event.open(clock.instant()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("general", general);
        model.addAttribute("notice", notice);
        model.addAttribute("crmNotice", crm);
        model.addAttribute("newsletterNotice", newsletter);
        model.addAttribute("noticeLines", lines(notice));
        model.addAttribute("basisSentence", basisSentence(notice, locale));
        model.addAttribute("crmLines", lines(crm));
        model.addAttribute("newsletterLines", lines(newsletter));
        model.addAttribute("lang", "en".equals(locale.getLanguage()) ? "en" : "nb");
        model.addAttribute("statusWaiting", RegistrationStatus.WAITING.name());
        return PAGE;
    }

    /**
     * What signing up means, as the record says it: consent when the events purpose rests on consent (otherwise its
     * legal basis), and that without the CRM box the data go when the retention the notice above states runs out.
     */
    private String basisSentence(NoticeText notice, Locale locale) {
        LegalBasis basis = record.legalBasisOf("events");
        String use = basis == LegalBasis.CONSENT ? messages.getMessage("events.notice.consent", null, locale)
                : messages.getMessage("events.notice.basis", new Object[] {
                        messages.getMessage("processing.basis." + basis.name(), null, basis.name(), locale) }, locale);
        String prefix = messages.getMessage("notice.retention", null, locale) + ": ";
        String retention = notice.text().lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip())
                .filter(r -> !r.isEmpty()).findFirst().orElse("");
        String erased = retention.isEmpty() ? messages.getMessage("events.notice.erased", null, locale)
                : messages.getMessage("events.notice.erasedAfter", new Object[] { retention.replaceAll("[.]$", "") }, locale);
        return use + " " + erased;
    }

    private static java.util.List<String> lines(NoticeText notice) {
        return notice.text().lines().filter(l -> !l.isBlank()).toList();
    }

    private static @Nullable String blank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static UUID eventId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFound("Event", "?");
        }
    }
}
