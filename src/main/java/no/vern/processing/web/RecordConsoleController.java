package no.vern.processing.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.processing.Activity;
import no.vern.processing.LegalBasis;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.RecipientKind;
import no.vern.processing.RecordExports;
import no.vern.processing.RecordVersion;
import no.vern.processing.RecordWording;
import no.vern.processing.StaleRecordVersion;
import no.vern.processing.SubjectKind;
import no.vern.shared.InvalidInput;
import no.vern.shared.Labels;
import no.vern.shared.NotFound;
import no.vern.shared.VernClock;
import tools.jackson.databind.json.JsonMapper;

/**
 * The record of processing in the staff console: overview with warnings, activity details, the
 * edit form (privacy officer only), history, differences between versions and exports.
 */
@Controller
class RecordConsoleController {

    static final String OVERVIEW = "processing/overview";
    static final String ACTIVITY = "processing/activity";
    static final String EDIT = "processing/edit";
    static final String VERSIONS = "processing/versions";
    static final String DIFF = "processing/diff";
    static final String READ = "hasAnyRole('PRIVACY_OFFICER','AUDITOR','CASE_HANDLER')";
    static final String WRITE = "hasRole('PRIVACY_OFFICER')";

    private final ProcessingRecord record;
    private final RecordExports exports;
    private final RecordWording writer;
    private final JsonMapper json;
    private final MessageSource messages;
    private final Labels labels;

    RecordConsoleController(ProcessingRecord record, RecordExports exports, RecordWording writer, JsonMapper json,
            MessageSource messages, Labels labels) {
        this.labels = labels;
        this.record = record;
        this.exports = exports;
        this.writer = writer;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/console/processing")
    @PreAuthorize(READ)
    String overview(Model model, Authentication auth) {
        RecordVersion current = record.current();
        common(model, current, auth);
        model.addAttribute("warnings", record.warnings());
        model.addAttribute("latest", true);
        return OVERVIEW;
    }

    @GetMapping("/console/processing/versions/{version}")
    @PreAuthorize(READ)
    String oldVersion(@PathVariable int version, Model model, Authentication auth) {
        RecordVersion found = record.version(version).orElseThrow(() -> new NotFound("Record version", version));
        common(model, found, auth);
        model.addAttribute("warnings", List.of());
        model.addAttribute("latest", found.version() == record.current().version());
        return OVERVIEW;
    }

    @GetMapping("/console/processing/activities/{id}")
    @PreAuthorize(READ)
    String activity(@PathVariable String id, @RequestParam(required = false) Integer version, Model model,
            Authentication auth) {
        RecordVersion shown = version == null ? record.current()
                : record.version(version).orElseThrow(() -> new NotFound("Record version", version));
        Activity activity = shown.document().activity(id).orElseThrow(() -> new NotFound("Activity", safe(id)));
        common(model, shown, auth);
        model.addAttribute("activity", activity);
        model.addAttribute("latest", shown.version() == record.current().version());
        model.addAttribute("warnings", record.warnings().stream().filter(w -> w.activity().equals(id)).toList());
        return ACTIVITY;
    }

    @GetMapping("/console/processing/activities/{id}/edit")
    @PreAuthorize(WRITE)
    String edit(@PathVariable String id, Model model, Authentication auth) {
        RecordVersion current = record.current();
        Activity activity = current.document().activity(id).orElseThrow(() -> new NotFound("Activity", safe(id)));
        model.addAttribute("form", ActivityForm.of(activity, current.version()));
        return editView(model, current, activity, auth);
    }

    @PostMapping("/console/processing/activities/{id}")
    @PreAuthorize(WRITE)
    String save(@PathVariable String id, @ModelAttribute("form") ActivityForm form, BindingResult errors, Model model,
            Authentication auth, RedirectAttributes redirect, Locale locale) {
        RecordVersion current = record.current();
        Activity activity = current.document().activity(id).orElseThrow(() -> new NotFound("Activity", safe(id)));
        form.validate(errors);
        if (form.getBasedOnVersion() != current.version()) {
            errors.reject("processing.form.stale", new Object[] { form.getBasedOnVersion(), current.version() }, null);
        }
        if (errors.hasErrors()) {
            return editView(model, current, activity, auth);
        }
        try {
            RecordVersion saved = record.update(form.getBasedOnVersion(),
                    current.document().withActivity(form.apply(activity)), form.getChangeNote());
            redirect.addFlashAttribute("flash", messages.getMessage("processing.saved",
                    new Object[] { saved.version() }, locale));
            return "redirect:/console/processing/activities/" + id;
        } catch (StaleRecordVersion e) {
            errors.reject("processing.form.stale", new Object[] { form.getBasedOnVersion(), current.version() }, null);
        } catch (InvalidInput e) {
            e.errors().forEach(err -> errors.reject("processing.form.invalid", new Object[] { err.field(), labels.error(err) }, null));
        } catch (no.vern.processing.TransfersUnresolved e) {
            // The form keeps what was typed; the officer is told what blocks and where to resolve it.
            errors.reject("processing.transfersUnresolved", new Object[] { e.count() }, null);
        }
        return editView(model, current, activity, auth);
    }

    @GetMapping("/console/processing/versions")
    @PreAuthorize(READ)
    String versions(Model model) {
        model.addAttribute("versions", record.versions());
        model.addAttribute("zone", VernClock.ZONE);
        return VERSIONS;
    }

    @GetMapping("/console/processing/diff")
    @PreAuthorize(READ)
    String diff(@RequestParam int from, @RequestParam int to, Model model) {
        model.addAttribute("diff", record.diff(from, to));
        model.addAttribute("fromVersion", record.version(from).orElseThrow().info());
        model.addAttribute("toVersion", record.version(to).orElseThrow().info());
        model.addAttribute("versions", record.versions());
        model.addAttribute("zone", VernClock.ZONE);
        return DIFF;
    }

    @GetMapping(value = "/console/processing/export.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(READ)
    @ResponseBody
    ResponseEntity<byte[]> exportJson(@RequestParam(required = false) Integer version) {
        RecordVersion shown = shown(version);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(shown, "json"))
                .body(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(shown));
    }

    @GetMapping(value = "/console/processing/export.csv", produces = "text/csv")
    @PreAuthorize(READ)
    @ResponseBody
    ResponseEntity<byte[]> exportCsv(@RequestParam(required = false) Integer version, Locale locale) {
        RecordVersion shown = shown(version);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(shown, "csv"))
                .body(exports.csv(shown, locale).getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping(value = "/console/processing/report.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize(READ)
    @ResponseBody
    ResponseEntity<byte[]> reportPdf(@RequestParam(required = false) Integer version, Locale locale) {
        RecordVersion shown = shown(version);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(shown, "pdf"))
                .body(exports.pdf(shown, warningsOf(shown), locale));
    }

    @GetMapping(value = "/console/processing/report", produces = MediaType.TEXT_HTML_VALUE)
    @PreAuthorize(READ)
    @ResponseBody
    String reportHtml(@RequestParam(required = false) Integer version, Locale locale) {
        RecordVersion shown = shown(version);
        return exports.html(shown, warningsOf(shown), locale, false);
    }

    /** An unknown version or activity in the console is a plain 404, not an error page. */
    @org.springframework.web.bind.annotation.ExceptionHandler(NotFound.class)
    ResponseEntity<String> notFound(NotFound e) {
        return ResponseEntity.status(org.springframework.http.HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
                .body(e.getMessage());
    }

    private List<no.vern.processing.RecordWarning> warningsOf(RecordVersion shown) {
        return shown.version() == record.current().version() ? record.warnings() : List.of();
    }

    private RecordVersion shown(Integer version) {
        return version == null ? record.current()
                : record.version(version).orElseThrow(() -> new NotFound("Record version", version));
    }

    private String editView(Model model, RecordVersion current, Activity activity, Authentication auth) {
        common(model, current, auth);
        model.addAttribute("activity", activity);
        model.addAttribute("subjectKinds", SubjectKind.values());
        model.addAttribute("legalBases", LegalBasis.values());
        model.addAttribute("recipientKinds", RecipientKind.values());
        return EDIT;
    }

    private void common(Model model, RecordVersion version, Authentication auth) {
        model.addAttribute("record", version);
        model.addAttribute("doc", version.document());
        model.addAttribute("writer", writer);
        model.addAttribute("zone", VernClock.ZONE);
        model.addAttribute("canEdit", auth.getAuthorities().stream().anyMatch(a -> "ROLE_PRIVACY_OFFICER".equals(a.getAuthority())));
    }

    private static String attachment(RecordVersion version, String extension) {
        return ContentDisposition.attachment().filename("behandlingsprotokoll-v" + version.version() + "." + extension)
                .build().toString();
    }

    private static String safe(String id) {
        return id.matches("[a-z0-9-]{1,60}") ? id : "(invalid id)";
    }
}
