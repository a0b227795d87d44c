package no.vern.processing.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.processing.CompanyProfile;
import no.vern.processing.CompanyProfileRules;
import no.vern.processing.CompanyProfiles;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.RecordVersion;
import no.vern.processing.StaleRecordVersion;
import no.vern.shared.InvalidInput;
import no.vern.shared.Labels;

/**
 * The company profile settings page (issue 21): who the controller is, its DPO, mailboxes, domains, the mail
 * sender and footer and the complaint authority. Privacy officer only; saving writes a new version of the record
 * of processing (Art. 30 history), and the policy, mail, privacy center and banner read it from the next render.
 */
@Controller
class CompanyProfileConsoleController {

    static final String VIEW = "processing/company-profile";
    static final String PATH = "/console/processing/company-profile";

    private final CompanyProfiles profiles;
    private final ProcessingRecord record;
    private final MessageSource messages;
    private final Labels labels;

    CompanyProfileConsoleController(CompanyProfiles profiles, ProcessingRecord record, MessageSource messages,
            Labels labels) {
        this.labels = labels;
        this.profiles = profiles;
        this.record = record;
        this.messages = messages;
    }

    @GetMapping(PATH)
    @PreAuthorize(RecordConsoleController.WRITE)
    String show(Model model) {
        RecordVersion current = record.current();
        model.addAttribute("form", CompanyProfileForm.of(current.document().companyProfile(), current.version()));
        return view(model, current);
    }

    @PostMapping(PATH)
    @PreAuthorize(RecordConsoleController.WRITE)
    String save(@ModelAttribute("form") CompanyProfileForm form, BindingResult errors, Model model,
            RedirectAttributes redirect, Locale locale) {
        RecordVersion current = record.current();
        CompanyProfile typed = form.toProfile();
        for (CompanyProfileRules.Violation v : CompanyProfileRules.check(typed)) {
            errors.rejectValue(v.field(), "processing.profile.invalid." + v.code());
        }
        String note = form.getChangeNote() == null ? "" : form.getChangeNote().strip();
        if (note.isEmpty()) {
            errors.rejectValue("changeNote", "processing.profile.invalid.required");
        } else if (note.length() > 500) {
            errors.rejectValue("changeNote", "processing.profile.invalid.too-long");
        }
        if (form.getBasedOnVersion() != current.version()) {
            errors.reject("processing.form.stale", new Object[] { form.getBasedOnVersion(), current.version() }, null);
        }
        if (errors.hasErrors()) {
            return view(model, current);
        }
        try {
            RecordVersion saved = profiles.update(form.getBasedOnVersion(), typed, note);
            redirect.addFlashAttribute("flash", messages.getMessage("processing.profile.saved",
                    new Object[] { saved.version() }, locale));
            return "redirect:" + PATH;
        } catch (StaleRecordVersion e) {
            errors.reject("processing.form.stale", new Object[] { form.getBasedOnVersion(), current.version() }, null);
        } catch (InvalidInput e) {
            e.errors().forEach(err -> errors.reject("processing.form.invalid", new Object[] { err.field(), labels.error(err) }, null));
        } catch (no.vern.processing.TransfersUnresolved e) {
            errors.reject("processing.transfersUnresolved", new Object[] { e.count() }, null);
        }
        return view(model, current);
    }

    private static String view(Model model, RecordVersion current) {
        model.addAttribute("record", current);
        return VIEW;
    }
}
