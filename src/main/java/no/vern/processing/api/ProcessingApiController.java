package no.vern.processing.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.processing.Activity;
import no.vern.processing.LegalBasis;
import no.vern.processing.LocalizedText;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.RecordDiff;
import no.vern.processing.RecordExports;
import no.vern.processing.RecordVersion;
import no.vern.processing.Retention;
import no.vern.processing.SubjectKind;
import no.vern.processing.VersionInfo;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.ProblemResponse;
import no.vern.shared.VernProblem;

/**
 * The record of processing for the company's other systems (GDPR Art. 30, S29): read it, its
 * history and differences, its purposes, export it, and change it with optimistic concurrency.
 */
@RestController
@RequestMapping("/api/v1/processing")
@Tag(name = "Record of processing", description = "GDPR Art. 30 record, purposes and exports")
class ProcessingApiController {

    private final ProcessingRecord record;
    private final RecordExports exports;

    ProcessingApiController(ProcessingRecord record, RecordExports exports) {
        this.record = record;
        this.exports = exports;
    }

    /** A change to the record: the whole new document and why it changes. */
    record RecordUpdate(@Nullable String changeNote, @Nullable ProcessingRecordDocument record) {
    }

    /** A purpose with what the register needs to enforce purpose limitation (S8). */
    record PurposeView(String key, String activity, LocalizedText name, LocalizedText description,
            @Nullable LegalBasis legalBasis, @Nullable LocalizedText legalBasisNote, boolean mandatory,
            @Nullable Retention retention, List<SubjectKind> subjects, List<String> dataCategories, int recordVersion) {

        static PurposeView of(Activity a, Purpose p, int version) {
            return new PurposeView(p.key(), a.id(), p.name(), p.description(), p.legalBasis(), p.legalBasisNote(),
                    p.mandatory(), p.retention(), a.subjects(), a.dataCategories(), version);
        }
    }

    @GetMapping("/record")
    @PreAuthorize("hasAuthority('SCOPE_processing:read')")
    @Operation(operationId = "getProcessingRecord", summary = "The current record", description = "The ETag is the version; send it as If-Match when changing the record.")
    ResponseEntity<RecordVersion> current() {
        RecordVersion current = record.current();
        return ResponseEntity.ok().eTag(etag(current.version())).body(current);
    }

    @GetMapping("/record/versions")
    @PreAuthorize("hasAuthority('SCOPE_processing:read')")
    @Operation(operationId = "listProcessingRecordVersions", summary = "The history of the record, newest first")
    List<VersionInfo> versions() {
        return record.versions();
    }

    @GetMapping("/record/versions/{version}")
    @PreAuthorize("hasAuthority('SCOPE_processing:read')")
    @Operation(operationId = "getProcessingRecordVersion", summary = "One version of the record; old versions stay readable")
    @ApiResponse(responseCode = "404", description = "No such version")
    ResponseEntity<RecordVersion> version(@PathVariable int version) {
        RecordVersion found = record.version(version).orElseThrow(() -> new NotFound("Record version", version));
        return ResponseEntity.ok().eTag(etag(found.version())).body(found);
    }

    @GetMapping("/record/diff")
    @PreAuthorize("hasAuthority('SCOPE_processing:read')")
    @Operation(operationId = "diffProcessingRecordVersions", summary = "Field-by-field differences between two versions")
    RecordDiff diff(@Parameter(description = "older version") @RequestParam int from,
            @Parameter(description = "newer version") @RequestParam int to) {
        return record.diff(from, to);
    }

    @GetMapping("/purposes")
    @PreAuthorize("hasAuthority('SCOPE_processing:read')")
    @Operation(operationId = "listPurposes", summary = "Every purpose of the current record with its legal basis and data categories")
    List<PurposeView> purposes() {
        RecordVersion current = record.current();
        return current.document().activities().stream()
                .flatMap(a -> a.purposes().stream().map(p -> PurposeView.of(a, p, current.version()))).toList();
    }

    @GetMapping("/purposes/{key}")
    @PreAuthorize("hasAuthority('SCOPE_processing:read')")
    @Operation(operationId = "getPurpose", summary = "One purpose by its stable key")
    @ApiResponse(responseCode = "404", description = "No purpose with this key")
    PurposeView purpose(@PathVariable String key) {
        RecordVersion current = record.current();
        Activity activity = current.document().activityOf(key)
                .orElseThrow(() -> new NotFound("Purpose", key.matches("[a-z0-9-]{1,60}") ? key : "(invalid key)"));
        return PurposeView.of(activity, current.document().purpose(key).orElseThrow(), current.version());
    }

    @PutMapping("/record")
    @PreAuthorize("hasAuthority('SCOPE_processing:write')")
    @ProblemResponse(status = 409, description = "A transfer has no mechanism yet (transfers-unresolved).")
    @ProblemResponse(status = 412, description = "If-Match names an older version (stale-version).")
    @ProblemResponse(status = 428, description = "If-Match is missing (precondition-required).")
    @Operation(operationId = "updateProcessingRecord", summary = "Replace the record with a new version",
            description = "Send the version you edited as If-Match: \"<version>\". A stale version is refused, so no change is lost.")
    @ApiResponse(responseCode = "200", description = "Saved as a new version")
    @ApiResponse(responseCode = "400", description = "Invalid record; the problem lists the fields")
    @ProblemResponse(status = 412, description = "If-Match is not the current version")
    @ProblemResponse(status = 428, description = "If-Match is missing")
    ResponseEntity<RecordVersion> update(
            @Parameter(description = "the version the change is based on, e.g. \"3\"")
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody RecordUpdate update) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new Precondition(HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "If-Match required",
                    "Send the version you edited as If-Match: \"<version>\".");
        }
        int basedOn = parseVersion(ifMatch);
        int current = record.current().version();
        if (basedOn != current) {
            throw new Precondition(HttpStatus.PRECONDITION_FAILED, "stale-version", "Stale version",
                    "The change is based on version " + basedOn + ", but the current version is " + current
                            + ". Fetch the record and apply the change again.");
        }
        if (update.record() == null) {
            throw new InvalidInput("record", "is required", "error.field.required");
        }
        RecordVersion saved = record.update(basedOn, update.record(),
                update.changeNote() == null ? "" : update.changeNote());
        return ResponseEntity.ok().eTag(etag(saved.version())).body(saved);
    }

    @GetMapping(value = "/record/export.csv", produces = "text/csv")
    @PreAuthorize("hasAuthority('SCOPE_processing:read')")
    @Operation(operationId = "exportProcessingRecordCsv", summary = "The current record as CSV, one row per purpose")
    ResponseEntity<byte[]> csv(@Parameter(description = "nb (default) or en") @RequestParam(defaultValue = "nb") String language) {
        RecordVersion current = record.current();
        byte[] body = exports.csv(current, locale(language)).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("behandlingsprotokoll-v" + current.version() + ".csv"))
                .body(body);
    }

    @GetMapping(value = "/record/report.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize("hasAuthority('SCOPE_processing:read')")
    @Operation(operationId = "getProcessingRecordPdf", summary = "The current record as a printable PDF report (for Datatilsynet on request, GDPR Art. 30(4))")
    ResponseEntity<byte[]> pdf(@Parameter(description = "nb (default) or en") @RequestParam(defaultValue = "nb") String language) {
        RecordVersion current = record.current();
        byte[] body = exports.pdf(current, record.warnings(), locale(language));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("behandlingsprotokoll-v" + current.version() + ".pdf"))
                .body(body);
    }

    static Locale locale(String language) {
        return switch (language) {
            case "nb", "no" -> Locale.forLanguageTag("nb");
            case "en" -> Locale.ENGLISH;
            default -> throw new InvalidInput("language", "must be nb or en", "error.field.language");
        };
    }

    private static String attachment(String filename) {
        return ContentDisposition.attachment().filename(filename).build().toString();
    }

    private static String etag(int version) {
        return "\"" + version + "\"";
    }

    static int parseVersion(String ifMatch) {
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidInput("If-Match", "must be a record version such as \"3\"", "processing.error.ifMatch");
        }
    }

    /** A conditional request that does not hold (RFC 9110 section 13). */
    static final class Precondition extends VernProblem {

        Precondition(HttpStatus status, String slug, String title, String detail) {
            super(slug, status, title, detail);
        }
    }
}
