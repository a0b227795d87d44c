package no.vern.processing.api;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.processing.CompanyProfile;
import no.vern.processing.CompanyProfiles;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.RecordVersion;
import no.vern.shared.InvalidInput;
import no.vern.shared.ProblemResponse;

/**
 * The company profile for the company's other systems (issue 21): read it, and change it as a new version of the
 * record of processing with the same optimistic concurrency as the record (the ETag is the record version).
 */
@RestController
@Tag(name = "Company profile", description = "The controller's details that the policy, mail, privacy center and banner show")
class CompanyProfileApiController {

    private final CompanyProfiles profiles;
    private final ProcessingRecord record;

    CompanyProfileApiController(CompanyProfiles profiles, ProcessingRecord record) {
        this.profiles = profiles;
        this.record = record;
    }

    /** A change to the profile: the whole new profile and why it changes. */
    record ProfileUpdate(@Nullable String changeNote, @Nullable CompanyProfile profile) {
    }

    /** The profile and the record version it belongs to. */
    record ProfileView(int recordVersion, CompanyProfile profile) {
    }

    @GetMapping("/api/v1/company-profile")
    @PreAuthorize("hasAuthority('SCOPE_processing:read')")
    @Operation(operationId = "getCompanyProfile", summary = "The current company profile", description = "The ETag is the record version; send it as If-Match when changing the profile.")
    ResponseEntity<ProfileView> current() {
        RecordVersion current = record.current();
        return ResponseEntity.ok().eTag(etag(current.version()))
                .body(new ProfileView(current.version(), current.document().companyProfile()));
    }

    @PutMapping("/api/v1/company-profile")
    @PreAuthorize("hasAuthority('SCOPE_processing:write')")
    @ProblemResponse(status = 412, description = "If-Match names an older version (stale-version).")
    @ProblemResponse(status = 428, description = "If-Match is missing (precondition-required).")
    @Operation(operationId = "updateCompanyProfile", summary = "Replace the company profile (a new version of the record of processing)",
            description = "Send the record version you edited as If-Match: \"<version>\". A stale version is refused.")
    @ApiResponse(responseCode = "200", description = "Saved as a new record version")
    @ApiResponse(responseCode = "400", description = "Invalid profile; the problem lists the fields")
    @ProblemResponse(status = 412, description = "If-Match is not the current version")
    @ProblemResponse(status = 428, description = "If-Match is missing")
    ResponseEntity<ProfileView> update(
            @Parameter(description = "the record version the change is based on, e.g. \"3\"")
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody ProfileUpdate update) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProcessingApiController.Precondition(HttpStatus.PRECONDITION_REQUIRED, "precondition-required",
                    "If-Match required", "Send the record version you edited as If-Match: \"<version>\".");
        }
        int basedOn = ProcessingApiController.parseVersion(ifMatch);
        int current = record.current().version();
        if (basedOn != current) {
            throw new ProcessingApiController.Precondition(HttpStatus.PRECONDITION_FAILED, "stale-version",
                    "Stale version", "The change is based on version " + basedOn + ", but the current version is "
                            + current + ". Fetch the profile and apply the change again.");
        }
        if (update.profile() == null) {
            throw new InvalidInput("profile", "is required", "error.field.required");
        }
        RecordVersion saved = profiles.update(basedOn, update.profile(),
                update.changeNote() == null ? "" : update.changeNote());
        return ResponseEntity.ok().eTag(etag(saved.version()))
                .body(new ProfileView(saved.version(), saved.document().companyProfile()));
    }

    private static String etag(int version) {
        return "\"" + version + "\"";
    }
}
