package no.vern.register.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.processing.LegalBasis;
import no.vern.processing.SubjectKind;
import no.vern.register.ChangeEntry;
import no.vern.register.ErasureResult;
import no.vern.register.ImportOptions;
import no.vern.register.ImportReport;
import no.vern.register.KeptCategory;
import no.vern.register.NewSubject;
import no.vern.register.Organisation;
import no.vern.register.OrganisationInput;
import no.vern.register.PersonalData;
import no.vern.register.PostalAddress;
import no.vern.register.RecordView;
import no.vern.register.Restriction;
import no.vern.register.Restrictions;
import no.vern.register.Source;
import no.vern.register.SubjectPage;
import no.vern.register.SubjectRecords;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectSummary;
import no.vern.register.SubjectUpdate;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.ProblemResponse;
import no.vern.shared.SubjectId;

/**
 * The register for the company's other systems (CRM, mailing, scripts): create, look up, read for a
 * stated purpose ({@code Vern-Purpose}, S10), change with ETag/If-Match, erase (GDPR Art. 17), import.
 * Lookups by email, phone or organisation number go in a POST body ({@code /search}): personal data
 * never travels in a URL, where proxies, browsers and access logs would keep it (rule 1).
 */
@RestController
@RequestMapping("/api/v1/subjects")
@Tag(name = "Register", description = "Data subjects and their personal-data records")
@SecurityRequirement(name = "bearer")
class SubjectsApiController {

    static final String PURPOSE = "Vern-Purpose";
    private static final String READ = "hasAuthority('SCOPE_subjects:read')";
    private static final String WRITE = "hasAuthority('SCOPE_subjects:write')";
    private static final String ERASE = "hasAuthority('SCOPE_subjects:erase')";
    private static final String LIFT = "hasAuthority('SCOPE_restrictions:lift')";

    private final SubjectRegister register;
    private final Restrictions restrictions;

    SubjectsApiController(SubjectRegister register, Restrictions restrictions) {
        this.register = register;
        this.restrictions = restrictions;
    }

    /** A category kept under a legal duty after an erasure request (GDPR Art. 17(3)(b)), released on its date. */
    record KeptView(String purpose, String category, String ground, LocalDate keptUntil) {

        static KeptView of(KeptCategory k) {
            return new KeptView(k.purposeKey(), k.category(), k.ground(), k.releaseOn());
        }
    }

    /**
     * A restriction of processing (GDPR Art. 18), without personal data: what it keeps (for an erasure under a
     * legal duty, each category with its law and last kept day) and whether it may be lifted.
     */
    record RestrictionView(UUID id, String subject, String reason, Instant since, String by, @Nullable LocalDate releaseOn,
            List<KeptView> kept, boolean liftable) {

        static RestrictionView of(Restriction r) {
            return new RestrictionView(r.id(), r.subject().toString(), r.reason(), r.since(), r.by(), r.releaseOn(),
                    r.kept().stream().map(KeptView::of).toList(), r.kept().isEmpty());
        }
    }

    /** Why the privacy officer lifts a restriction (told to the person first, GDPR Art. 18(3)). */
    record Lift(@Nullable String reason) {
    }

    /** Create request: kinds, one purpose, optional organisation and the categories the purpose needs. */
    record CreateSubject(@Nullable Set<SubjectKind> kinds, @Nullable String purpose, @Nullable Source source,
            @Nullable OrganisationInput organisation, @Nullable String name, @Nullable String email,
            @Nullable String phone, @Nullable PostalAddress postalAddress, @Nullable String purchaseHistory,
            @Nullable String bankAccount, @Nullable String cv, @Nullable String recruiterNotes, @Nullable String id) {

        PersonalData data() {
            return new PersonalData(name, email, phone, postalAddress, purchaseHistory, bankAccount, cv, recruiterNotes);
        }

        @Override
        public String toString() {
            return "CreateSubject[" + purpose + ", " + data() + "]";
        }
    }

    /** Change request: the purpose the values are held for and the categories to set. */
    record ChangeSubject(@Nullable String purpose, @Nullable Source source, @Nullable Set<SubjectKind> kinds,
            @Nullable OrganisationInput organisation, @Nullable String name, @Nullable String email,
            @Nullable String phone, @Nullable PostalAddress postalAddress, @Nullable String purchaseHistory,
            @Nullable String bankAccount, @Nullable String cv, @Nullable String recruiterNotes, @Nullable String id) {

        PersonalData data() {
            return new PersonalData(name, email, phone, postalAddress, purchaseHistory, bankAccount, cv, recruiterNotes);
        }

        @Override
        public String toString() {
            return "ChangeSubject[" + purpose + ", " + data() + "]";
        }
    }

    /** The created subject's id. */
    record Created(String id) {
    }

    /** A subject without personal data. */
    record SummaryView(String id, Set<SubjectKind> kinds, @Nullable Organisation organisation, long version,
            Instant createdAt, Instant updatedAt) {

        static SummaryView of(SubjectSummary s) {
            return new SummaryView(s.id().toString(), s.kinds(), s.organisation(), s.version(), s.createdAt(),
                    s.updatedAt());
        }
    }

    /** A subject read for a purpose: the summary and the values held for that purpose by category. */
    record SubjectView(String id, Set<SubjectKind> kinds, @Nullable Organisation organisation, long version,
            String purpose, Map<String, Object> data) {

        @Override
        public String toString() {
            return "SubjectView[" + id + "]";
        }
    }

    /** One record with its provenance (S3, GDPR Art. 14). */
    record RecordDto(UUID id, String category, String value, Source source, List<String> purposes,
            LegalBasis legalBasis, Instant collectedAt, Instant confirmedAt) {

        static RecordDto of(RecordView r) {
            return new RecordDto(r.id(), r.category(), r.value(), r.source(), r.purposes(), r.legalBasis(),
                    r.collectedAt(), r.confirmedAt());
        }

        @Override
        public String toString() {
            return "RecordDto[" + id + "]";
        }
    }

    /** A list of subjects with paging. */
    record ListView(List<SummaryView> items, int page, int size, long total) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(WRITE)
    @ProblemResponse(status = 409, description = "No consent for a consent-based purpose (consent-required).")
    @Operation(operationId = "createSubject", summary = "Register a subject", description = "All records are held for the one purpose given "
            + "(privacy by default). Send Idempotency-Key to make retries safe.")
    ResponseEntity<Created> create(@RequestBody CreateSubject body,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
        // The id comes from the consent API when consent was recorded first (S4: consent before storage).
        NewSubject command = new NewSubject(body.id() == null ? null : SubjectId.parse(body.id()), body.kinds() == null ? Set.of() : body.kinds(),
                required(body.purpose(), "purpose"), body.source() == null ? Source.CUSTOMER : body.source(),
                body.organisation(), body.data());
        SubjectId id = idempotencyKey == null ? register.register(command)
                : register.registerOnce(idempotencyKey, command);
        SubjectSummary summary = register.summary(id);
        return ResponseEntity.created(URI.create("/api/v1/subjects/" + id)).eTag(etag(summary.version()))
                .body(new Created(id.toString()));
    }

    /** Lookup request: exactly one of email, phone or organisation number. */
    record Search(@Nullable String email, @Nullable String phone, @Nullable String org) {

        @Override
        public String toString() {
            return "Search[***]";
        }
    }

    @GetMapping
    @PreAuthorize(READ)
    @Operation(operationId = "listSubjects", summary = "A page of subjects", description = "No personal data. Lookups by email, phone or "
            + "organisation number are POST /api/v1/subjects/search, so that they never appear in a URL.")
    ListView list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
            jakarta.servlet.http.HttpServletRequest request) {
        for (String field : List.of("email", "phone", "org")) {
            if (request.getParameter(field) != null) {
                throw new InvalidInput(field, "must not be sent in the URL, where proxies and logs keep it; "
                        + "use POST /api/v1/subjects/search with {\"" + field + "\": …} in the body", "register.error.notInUrl", field);
            }
        }
        SubjectPage p = register.list(page, size);
        return new ListView(p.items().stream().map(SummaryView::of).toList(), p.page(), p.size(), p.total());
    }

    @PostMapping(path = "/search", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(READ)
    @Operation(operationId = "searchSubjects", summary = "Look up subjects by email, phone or organisation number",
            description = "Exact match through blind indexes; answers summaries without personal data.")
    ListView search(@RequestBody Search body) {
        int given = (body.email() == null ? 0 : 1) + (body.phone() == null ? 0 : 1) + (body.org() == null ? 0 : 1);
        if (given != 1) {
            throw new InvalidInput("email", "give exactly one of email, phone or org", "register.error.oneLookup");
        }
        List<SubjectSummary> found = body.email() != null ? register.findByEmail(body.email())
                : body.phone() != null ? register.findByPhone(body.phone()) : register.findByOrgNumber(Objects.requireNonNull(body.org()));
        return new ListView(found.stream().map(SummaryView::of).toList(), 0, found.size(), found.size());
    }

    @GetMapping("/{id}")
    @PreAuthorize(READ)
    @ProblemResponse(status = 409, description = "Processing of the subject is restricted (subject-restricted, GDPR Art. 18).")
    @ProblemResponse(status = 410, description = "Subject erased (subject-erased): its key is destroyed and nothing about it is readable.")
    @Operation(operationId = "readSubject", summary = "Read a subject for a purpose", description = "Returns only the values held for the "
            + "purpose in Vern-Purpose (S10); the read is audited. ETag is the version.")
    ResponseEntity<SubjectView> read(@PathVariable String id,
            @Parameter(description = "purpose key from the record of processing") @RequestHeader(name = PURPOSE, required = false) @Nullable String purpose) {
        SubjectRecords records = register.read(SubjectId.parse(id), requiredPurpose(purpose));
        Map<String, Object> data = new LinkedHashMap<>();
        for (RecordView r : records.records()) {
            data.putIfAbsent(r.category(), r.category().equals("postal-address") ? address(r.value()) : r.value());
        }
        SubjectSummary s = records.subject();
        return ResponseEntity.ok().eTag(etag(s.version())).body(new SubjectView(s.id().toString(), s.kinds(),
                s.organisation(), s.version(), records.purpose(), data));
    }

    @GetMapping("/{id}/records")
    @PreAuthorize(READ)
    @ProblemResponse(status = 409, description = "Processing of the subject is restricted (subject-restricted, GDPR Art. 18).")
    @ProblemResponse(status = 410, description = "Subject erased (subject-erased): its key is destroyed and nothing about it is readable.")
    @Operation(operationId = "listSubjectRecords", summary = "The records held for a purpose", description = "With source, purposes, legal basis and "
            + "collected/confirmed times.")
    List<RecordDto> records(@PathVariable String id, @RequestHeader(name = PURPOSE, required = false) @Nullable String purpose) {
        return register.read(SubjectId.parse(id), requiredPurpose(purpose)).records().stream().map(RecordDto::of)
                .toList();
    }

    @DeleteMapping("/{id}/records")
    @PreAuthorize(ERASE)
    @ProblemResponse(status = 410, description = "Subject erased (subject-erased): its key is destroyed and nothing about it is readable.")
    @Operation(operationId = "eraseSubjectRecords", summary = "Erase the records held for one purpose", description = "E.g. after a consent withdrawal.")
    ResponseEntity<Void> eraseRecords(@PathVariable String id, @RequestParam(required = false) @Nullable String purpose) {
        register.eraseRecords(SubjectId.parse(id), required(purpose, "purpose"));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/history")
    @PreAuthorize(READ)
    @ProblemResponse(status = 410, description = "Subject erased (subject-erased): its key is destroyed and nothing about it is readable.")
    @Operation(operationId = "getSubjectHistory", summary = "Change history", description = "Who changed which category when; never values.")
    List<ChangeEntry> history(@PathVariable String id) {
        return register.history(SubjectId.parse(id));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(WRITE)
    @ProblemResponse(status = 409, description = "No consent for a consent-based purpose (consent-required).")
    @ProblemResponse(status = 410, description = "Subject erased (subject-erased): its key is destroyed and nothing about it is readable.")
    @ProblemResponse(status = 412, description = "If-Match names an older version (stale-version).")
    @ProblemResponse(status = 428, description = "If-Match is missing (precondition-required).")
    @Operation(operationId = "changeSubject", summary = "Change a subject", description = "Requires If-Match with the ETag (428 without, 412 if stale).")
    ResponseEntity<Void> change(@PathVariable String id, @RequestBody ChangeSubject body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        SubjectId subject = SubjectId.parse(id);
        long expected = version(ifMatch);
        long version = register.update(subject, expected, new SubjectUpdate(required(body.purpose(), "purpose"),
                body.source() == null ? Source.CUSTOMER : body.source(), body.kinds(), body.organisation(), body.data()));
        return ResponseEntity.noContent().eTag(etag(version)).build();
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(ERASE)
    @Operation(operationId = "eraseSubject", summary = "Erase a subject (GDPR Art. 17)", description = "Crypto-shredding: the key is destroyed "
            + "first, so every record is unreadable when this answers; the blind indexes go at once, the ciphertext "
            + "rows are deleted by a background job within about a minute (header Vern-Rows-Pending says whether they "
            + "still wait). Idempotent; the id answers 410 afterwards.")
    ResponseEntity<Void> erase(@PathVariable String id) {
        ErasureResult result = register.erase(SubjectId.parse(id));
        return ResponseEntity.noContent().header("Vern-Already-Erased", String.valueOf(result.alreadyErased()))
                .header("Vern-Rows-Pending", String.valueOf(result.rowsPending())).build();
    }

    @GetMapping("/{id}/restrictions")
    @PreAuthorize(READ)
    @ProblemResponse(status = 410, description = "Subject erased (subject-erased): its key is destroyed and nothing about it is readable.")
    @Operation(operationId = "listSubjectRestrictions", summary = "The subject's restrictions of processing (GDPR Art. 18)", description = "No personal data: "
            + "id, reason, since, by whom, and for data kept under a legal duty after an erasure request each "
            + "category with its law and the last day it is kept (erased the day after). Empty when not restricted.")
    List<RestrictionView> restrictions(@PathVariable String id) {
        SubjectId subject = SubjectId.parse(id);
        register.summary(subject); // 404 for an unknown subject, 410 for an erased one
        return restrictions.restriction(subject).map(RestrictionView::of).stream().toList();
    }

    @DeleteMapping(path = "/{id}/restrictions/{restrictionId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(LIFT)
    @ProblemResponse(status = 409, description = "Nobody can be told, or the restriction holds data kept under a legal duty; nothing changed.")
    @Operation(operationId = "liftSubjectRestriction", summary = "Lift a restriction (GDPR Art. 18(3))", description = "The privacy officer's decision "
            + "(token scope restrictions:lift), with {\"reason\": …}. The person is told by email, in their language, "
            + "before the restriction is lifted; when no one can tell them, or when the restriction holds data kept "
            + "under a legal duty after an erasure request, 409 and nothing changes. Audited.")
    ResponseEntity<Void> lift(@PathVariable String id, @PathVariable String restrictionId, @RequestBody Lift body) {
        UUID rid;
        try {
            rid = UUID.fromString(restrictionId);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("restrictionId", "is not an id", "error.field.id");
        }
        restrictions.lift(SubjectId.parse(id), rid, required(body.reason(), "reason"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/attachments")
    @PreAuthorize(WRITE)
    @ProblemResponse(status = 409, description = "No consent for a consent-based purpose (consent-required).")
    @ProblemResponse(status = 410, description = "Subject erased (subject-erased): its key is destroyed and nothing about it is readable.")
    @Operation(operationId = "attachSubjectFile", summary = "Attach a file (CV)", description = "The raw bytes with their Content-Type, held for the "
            + "purpose in Vern-Purpose (it must cover the cv category; consent-based purposes need consent). "
            + "Encrypted under the subject's key; no file name is stored.")
    ResponseEntity<Map<String, String>> attach(@PathVariable String id, @RequestBody byte[] content,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
            @RequestHeader(name = PURPOSE, required = false) @Nullable String purpose) {
        SubjectId subject = SubjectId.parse(id);
        String type = contentType == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE
                : MediaType.parseMediaType(contentType).getType() + "/" + MediaType.parseMediaType(contentType).getSubtype();
        UUID attachment = register.attach(subject, requiredPurpose(purpose), type, content);
        return ResponseEntity.created(URI.create("/api/v1/subjects/" + subject + "/attachments/" + attachment))
                .body(Map.of("id", attachment.toString()));
    }

    @GetMapping("/{id}/attachments/{attachmentId}")
    @PreAuthorize(READ)
    @ProblemResponse(status = 410, description = "Subject erased (subject-erased): its key is destroyed and nothing about it is readable.")
    @Operation(operationId = "getSubjectAttachment", summary = "Read an attachment for a purpose", description = "404 when it is not held for the purpose; audited.")
    ResponseEntity<byte[]> attachment(@PathVariable String id, @PathVariable String attachmentId,
            @RequestHeader(name = PURPOSE, required = false) @Nullable String purpose) {
        SubjectId subject = SubjectId.parse(id);
        UUID attachment;
        try {
            attachment = UUID.fromString(attachmentId);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("attachmentId", "is not an id", "error.field.id");
        }
        byte[] content = register.attachment(subject, attachment, requiredPurpose(purpose))
                .orElseThrow(() -> new NotFound("Attachment", attachment));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment")
                .header("X-Content-Type-Options", "nosniff").body(content);
    }

    @PostMapping("/import")
    @PreAuthorize(WRITE)
    @Operation(operationId = "importSubjects", summary = "Import customer contacts (CSV)", description = "A CRM export with a header row; "
            + "dryRun=true reports per line without storing. Re-imports create nothing new.")
    ImportReport importCsv(@RequestBody byte[] csv, @RequestParam(defaultValue = "true") boolean dryRun,
            @RequestParam(defaultValue = "CUSTOMER_CONTACT") SubjectKind kind,
            @RequestParam(defaultValue = "customer-administration") String purpose) {
        String text;
        try {
            // Strict UTF-8: a file in another encoding is refused, not imported with mangled names.
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(csv)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidInput("csv", "is not valid UTF-8 text; export the file as UTF-8", "error.field.utf8");
        }
        return register.importCsv(text, new ImportOptions(kind, purpose, dryRun));
    }

    private static Map<String, String> address(String stored) {
        String[] lines = stored.split("\n", -1);
        Map<String, String> map = new LinkedHashMap<>();
        map.put("street", lines[0]);
        map.put("postcode", lines.length > 1 ? lines[1] : "");
        map.put("city", lines.length > 2 ? lines[2] : "");
        map.put("country", lines.length > 3 ? lines[3] : "");
        return map;
    }

    private static String requiredPurpose(@Nullable String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw new InvalidInput(PURPOSE, "header is required when reading personal data (purpose limitation)",
                    "register.error.purposeHeader");
        }
        return purpose.strip();
    }

    private static String required(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, "is required", "error.field.required");
        }
        return value.strip();
    }

    private static long version(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequired();
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInput(HttpHeaders.IF_MATCH, "is not an ETag of this API", "register.error.etag");
        }
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
