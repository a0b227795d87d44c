package no.vern.vendors.web;

import java.io.IOException;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.uploads.UploadRefused;
import no.vern.vendors.AgreementDocuments;

/**
 * The signed document of a data processing agreement (GDPR Art. 28(3), (9)): the privacy officer uploads it through
 * the upload gate; the officer and the auditor download it (always as an attachment, never rendered by the browser).
 */
@Controller
class AgreementDocumentController {

    private final AgreementDocuments documents;

    AgreementDocumentController(AgreementDocuments documents) {
        this.documents = documents;
    }

    @PostMapping("/console/vendors/{id}/agreements/{agreementId}/document")
    @PreAuthorize(VendorConsoleController.WRITE)
    String upload(@PathVariable UUID id, @PathVariable UUID agreementId,
            @RequestParam(required = false) @Nullable MultipartFile file, RedirectAttributes redirect) throws IOException {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("flashKey", "vendors.agreement.document.empty");
            return "redirect:/console/vendors/" + id;
        }
        try {
            documents.attach(id, agreementId, file.getOriginalFilename(), file.getContentType(), file.getBytes());
            redirect.addFlashAttribute("flashKey", "vendors.agreement.document.saved");
        } catch (UploadRefused e) {
            // the page names why (the gate's reason), never the file's content
            redirect.addFlashAttribute("flashKey", "vendors.agreement.document.refused." + e.reason().name());
        }
        return "redirect:/console/vendors/" + id;
    }

    @GetMapping("/console/vendors/{id}/agreements/{agreementId}/document")
    @PreAuthorize(VendorConsoleController.READ)
    ResponseEntity<byte[]> download(@PathVariable UUID id, @PathVariable UUID agreementId) {
        AgreementDocuments.File file = documents.download(id, agreementId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.document().mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(file.document().filename(),
                                java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff").body(file.content());
    }
}
