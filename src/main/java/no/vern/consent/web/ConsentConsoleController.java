package no.vern.consent.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;
import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.processing.LegalBasis;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.Purpose;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;

/**
 * The consent console: counts of consents in force per purpose, a subject's consent timeline, and the
 * form where staff record a withdrawal that arrived by email to the privacy mailbox (GDPR Art. 7(3)).
 */
@Controller
class ConsentConsoleController {

    static final String OVERVIEW = "consent/overview";
    static final String TIMELINE = "consent/timeline";
    static final String FORM = "consent/withdrawal-form";
    static final String COUNTS = "hasAnyRole('PRIVACY_OFFICER','CASE_HANDLER','MARKETING','AUDITOR')";
    static final String READERS = "hasAnyRole('PRIVACY_OFFICER','CASE_HANDLER','AUDITOR')";
    static final String WRITERS = "hasAnyRole('PRIVACY_OFFICER','CASE_HANDLER')";

    /** The withdrawal form as typed; re-shown with field errors. */
    record WithdrawalForm(String subjectId, String purpose, String reason) {
    }

    private final ConsentLedger ledger;
    private final ProcessingRecord record;
    private final AuditLog audit;
    private final Clock clock;

    ConsentConsoleController(ConsentLedger ledger, ProcessingRecord record, AuditLog audit, Clock clock) {
        this.ledger = ledger;
        this.record = record;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/console/consent")
    @PreAuthorize(COUNTS)
    String overview(Model model, Locale locale, Authentication auth) {
        roles(model, auth);
        model.addAttribute("counts", ledger.counts());
        model.addAttribute("purposeNames", consentPurposes(locale));
        return OVERVIEW;
    }

    @GetMapping("/console/consent/subjects")
    @PreAuthorize(READERS)
    String find(@RequestParam(defaultValue = "") String id, RedirectAttributes redirect) {
        try {
            return "redirect:/console/consent/subjects/" + SubjectId.parse(id.strip());
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("flashKey", "consent.subject.invalid");
            return "redirect:/console/consent";
        }
    }

    @GetMapping("/console/consent/subjects/{id}")
    @PreAuthorize(READERS)
    String timeline(@PathVariable String id, Model model, Locale locale, Authentication auth) {
        roles(model, auth);
        SubjectId subject = SubjectId.parse(id);
        var events = ledger.history(subject);
        if (events.isEmpty()) {
            throw new NotFound("Consent history of subject", subject);
        }
        audit.record(AuditEvent.of("consent.history.read", Outcome.SUCCESS).withTargets(subject.reference()));
        model.addAttribute("subjectId", subject.toString());
        model.addAttribute("events", events);
        model.addAttribute("states", ledger.currentOf(subject));
        model.addAttribute("now", clock.instant());
        model.addAttribute("purposeNames", allPurposes(locale));
        return TIMELINE;
    }

    @GetMapping("/console/consent/withdrawals/new")
    @PreAuthorize(WRITERS)
    String newWithdrawal(@RequestParam(defaultValue = "") String subject, Model model, Locale locale) {
        return form(new WithdrawalForm(subject, "", ""), Map.of(), model, locale);
    }

    @PostMapping("/console/consent/withdrawals")
    @PreAuthorize(WRITERS)
    String withdraw(@RequestParam(defaultValue = "") String subjectId, @RequestParam(defaultValue = "") String purpose,
            @RequestParam(defaultValue = "") String reason, Model model, Locale locale, RedirectAttributes redirect,
            HttpServletResponse response) {
        WithdrawalForm form = new WithdrawalForm(subjectId.strip(), purpose.strip(), reason.strip());
        Map<String, String> errors = new LinkedHashMap<>();
        SubjectId subject = null;
        try {
            subject = SubjectId.parse(form.subjectId());
        } catch (InvalidInput e) {
            errors.put("subjectId", "consent.form.subject.invalid");
        }
        if (!consentPurposes(locale).containsKey(form.purpose())) {
            errors.put("purpose", "consent.form.purpose.invalid");
        }
        if (form.reason().length() > 500) {
            errors.put("reason", "consent.form.reason.long");
        }
        if (errors.isEmpty() && subject != null) {
            try {
                ledger.withdraw(subject, form.purpose(), Channel.EMAIL_TO_PRIVACY_MAILBOX, form.reason());
                redirect.addFlashAttribute("flashKey", "consent.withdrawn.flash");
                return "redirect:/console/consent/subjects/" + subject;
            } catch (NotFound e) {
                errors.put("purpose", "consent.form.none");
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return form(form, errors, model, locale);
    }

    private String form(WithdrawalForm form, Map<String, String> errors, Model model, Locale locale) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("purposes", consentPurposes(locale));
        return FORM;
    }

    private static void roles(Model model, Authentication auth) {
        Set<String> roles = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        boolean write = roles.contains("ROLE_PRIVACY_OFFICER") || roles.contains("ROLE_CASE_HANDLER");
        model.addAttribute("canWrite", write);
        model.addAttribute("canRead", write || roles.contains("ROLE_AUDITOR"));
    }

    private Map<String, String> consentPurposes(Locale locale) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Purpose p : record.current().document().purposes()) {
            if (p.legalBasis() == LegalBasis.CONSENT) {
                names.put(p.key(), p.name().in(locale));
            }
        }
        return names;
    }

    private Map<String, String> allPurposes(Locale locale) {
        Map<String, String> names = new LinkedHashMap<>();
        List<Purpose> purposes = new ArrayList<>(record.current().document().purposes());
        purposes.forEach(p -> names.put(p.key(), p.name().in(locale)));
        return names;
    }
}
