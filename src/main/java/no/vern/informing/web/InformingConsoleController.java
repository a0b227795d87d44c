package no.vern.informing.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.informing.Exemption;
import no.vern.informing.NoticeBackfill;
import no.vern.informing.SourceNotices;
import no.vern.shared.Actors;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;

/**
 * The Art. 14 notices in the console: counts and the latest imports, one import's notices with an exemption for the
 * whole import, and one person's notices with an exemption for them (GDPR Art. 14(5), the privacy officer). Forms that
 * fail show again with the input kept.
 */
@Controller
class InformingConsoleController {

    static final String READERS = "hasAnyRole('PRIVACY_OFFICER','CASE_HANDLER','AUDITOR')";
    static final String OFFICER = "hasRole('PRIVACY_OFFICER')";

    private final SourceNotices notices;
    private final NoticeBackfill backfill;
    private final AuditLog audit;

    InformingConsoleController(SourceNotices notices, NoticeBackfill backfill, AuditLog audit) {
        this.notices = notices;
        this.backfill = backfill;
        this.audit = audit;
    }

    /** How many people registered from others before notices existed were never told, before anything is sent. */
    @GetMapping("/console/informing/backfill")
    @PreAuthorize(OFFICER)
    String backfillPage(Model model) {
        model.addAttribute("owed", backfill.owed());
        return "informing/backfill";
    }

    /** Schedules their notices; the job sends them as any other (Art. 14(3)(a): their month has passed). */
    @PostMapping("/console/informing/backfill")
    @PreAuthorize(OFFICER)
    String scheduleBackfill(org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        redirect.addFlashAttribute("backfilled", backfill.schedule());
        return "redirect:/console/informing";
    }

    @GetMapping("/console/informing")
    @PreAuthorize(READERS)
    String overview(Model model) {
        model.addAttribute("overview", notices.overview());
        model.addAttribute("mayBackfill", Actors.hasAnyAuthority("ROLE_PRIVACY_OFFICER"));
        return "informing/overview";
    }

    @GetMapping("/console/informing/imports/{id}")
    @PreAuthorize(READERS)
    String importPage(@PathVariable String id, Model model) {
        String origin = origin(id);
        model.addAttribute("importId", id);
        model.addAttribute("notices", notices.ofOrigin(origin));
        model.addAttribute("exemption", notices.originExemption(origin).orElse(null));
        defaults(model);
        return "informing/import";
    }

    @PostMapping("/console/informing/imports/{id}/exemption")
    @PreAuthorize(OFFICER)
    String exemptImport(@PathVariable String id, @RequestParam(defaultValue = "") String ground,
            @RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect) {
        String origin = origin(id);
        try {
            int count = notices.exemptOrigin(origin, ground(ground), reason);
            redirect.addFlashAttribute("exemptedCount", count);
            redirect.addFlashAttribute("flashKey", "informing.exempted");
            return "redirect:/console/informing/imports/" + id;
        } catch (InvalidInput e) {
            keep(model, ground, reason, "informing.exemption.invalid");
            return importPage(id, model);
        }
    }

    @GetMapping("/console/informing/subjects/{id}")
    @PreAuthorize(READERS)
    String subject(@PathVariable String id, Model model) {
        SubjectId subject = SubjectId.parse(id);
        model.addAttribute("subjectId", subject.toString());
        model.addAttribute("notices", notices.of(subject));
        defaults(model);
        // the page shows exemption reasons, which may describe the person
        audit.recordRead(AuditEvent.of("informing.notice.read", Outcome.SUCCESS).withTargets(subject.reference()));
        return "informing/subject";
    }

    @PostMapping("/console/informing/subjects/{id}/exemption")
    @PreAuthorize(OFFICER)
    String exemptSubject(@PathVariable String id, @RequestParam(defaultValue = "") String ground,
            @RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect) {
        SubjectId subject = SubjectId.parse(id);
        try {
            notices.exempt(subject, ground(ground), reason);
            redirect.addFlashAttribute("flashKey", "informing.exempted");
            return "redirect:/console/informing/subjects/" + subject;
        } catch (InvalidInput e) {
            keep(model, ground, reason, "informing.exemption.invalid");
            return subject(id, model);
        } catch (Conflict e) {
            keep(model, ground, reason, "informing.exemption.nothing");
            return subject(id, model);
        }
    }

    private static void keep(Model model, String ground, String reason, String error) {
        model.addAttribute("ground", ground);
        model.addAttribute("reason", reason);
        model.addAttribute("exemptionError", error);
    }

    private static void defaults(Model model) {
        model.addAttribute("grounds", Arrays.asList(Exemption.values()));
        model.addAttribute("mayExempt", Actors.hasAnyAuthority("ROLE_PRIVACY_OFFICER"));
        if (!model.containsAttribute("ground")) {
            model.addAttribute("ground", "");
            model.addAttribute("reason", "");
        }
    }

    private static Exemption ground(String value) {
        try {
            return Exemption.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("ground", "must be one of " + List.of(Exemption.values()), "error.field.choice");
        }
    }

    private static String origin(String id) {
        try {
            return "import:" + UUID.fromString(id).toString().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("id", "is not an import id", "error.field.id");
        }
    }
}
