package no.vern.breach.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import no.vern.breach.Breach;
import no.vern.breach.BreachDocuments;
import no.vern.breach.BreachId;
import no.vern.breach.BreachRegister;

/**
 * The documents of a breach for the privacy officer and the auditor: the draft notification to
 * Datatilsynet (initial or follow-up; page, PDF, plain text for its form) and the management report.
 */
@Controller
class BreachDocumentsController {

    private final BreachRegister register;
    private final BreachDocuments documents;

    BreachDocumentsController(BreachRegister register, BreachDocuments documents) {
        this.register = register;
        this.documents = documents;
    }

    @GetMapping(value = "/console/breach/{id}/draft", produces = MediaType.TEXT_HTML_VALUE)
    @PreAuthorize(BreachConsoleController.READ)
    @ResponseBody
    String draft(@PathVariable String id, @RequestParam(defaultValue = "INITIAL") String phase, Locale locale) {
        return documents.draftHtml(register.get(BreachId.parse(id)), BreachForms.phaseOf(phase), locale, false);
    }

    @GetMapping("/console/breach/{id}/draft.pdf")
    @PreAuthorize(BreachConsoleController.READ)
    ResponseEntity<byte[]> draftPdf(@PathVariable String id, @RequestParam(defaultValue = "INITIAL") String phase,
            Locale locale) {
        Breach b = register.get(BreachId.parse(id));
        return file(documents.draftPdf(b, BreachForms.phaseOf(phase), locale), MediaType.APPLICATION_PDF,
                b.receipt() + "-datatilsynet-" + BreachForms.phaseOf(phase).name().toLowerCase(Locale.ROOT) + ".pdf");
    }

    @GetMapping("/console/breach/{id}/draft.txt")
    @PreAuthorize(BreachConsoleController.READ)
    ResponseEntity<byte[]> draftText(@PathVariable String id, @RequestParam(defaultValue = "INITIAL") String phase,
            Locale locale) {
        Breach b = register.get(BreachId.parse(id));
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body(documents.draftText(b, BreachForms.phaseOf(phase), locale).getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping(value = "/console/breach/{id}/report", produces = MediaType.TEXT_HTML_VALUE)
    @PreAuthorize(BreachConsoleController.READ)
    @ResponseBody
    String report(@PathVariable String id, Locale locale) {
        return documents.reportHtml(register.get(BreachId.parse(id)), locale, false);
    }

    @GetMapping("/console/breach/{id}/report.pdf")
    @PreAuthorize(BreachConsoleController.READ)
    ResponseEntity<byte[]> reportPdf(@PathVariable String id, Locale locale) {
        Breach b = register.get(BreachId.parse(id));
        return file(documents.reportPdf(b, locale), MediaType.APPLICATION_PDF, b.receipt() + "-management.pdf");
    }

    private static ResponseEntity<byte[]> file(byte[] bytes, MediaType type, String name) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name).build().toString())
                .body(bytes);
    }
}
