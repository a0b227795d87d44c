package no.vern.communications.api;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.communications.BounceKind;
import no.vern.communications.Communications;
import no.vern.communications.ObjectionResult;
import no.vern.communications.StaffObjection;
import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;

/** Mail feedback from the company's mail systems: bounces that mark addresses, and a person's language. */
@RestController
@RequestMapping("/api/v1/communications")
@Tag(name = "Communications", description = "Bounces and reading language for list mail")
@SecurityRequirement(name = "bearer")
class CommunicationsApiController {

    private static final String WRITE = "hasAuthority('SCOPE_communications:write')";

    private final Communications communications;

    CommunicationsApiController(Communications communications) {
        this.communications = communications;
    }

    /** A bounce as a mail server reported it. */
    record BounceRequest(@Nullable String email, @Nullable BounceKind kind) {

        @Override
        public String toString() {
            return "BounceRequest[***, " + kind + "]";
        }
    }

    /** The language to write to a person in. */
    record LanguageRequest(@Nullable String language) {
    }

    @PostMapping("/bounces")
    @PreAuthorize(WRITE)
    @Operation(operationId = "recordBounce", summary = "Record a bounce; a hard bounce puts the address's keyed hash on the suppression list")
    ResponseEntity<Void> bounce(@RequestBody BounceRequest request) {
        if (request.email() == null) {
            throw new InvalidInput("email", "is required", "error.field.required");
        }
        communications.recordBounce(request.email(), request.kind());
        return ResponseEntity.noContent().build();
    }

    /** What a recorded objection did (ids only). */
    record ObjectionAnswer(List<String> subjects, @Nullable String listId, boolean addressSuppressed) {
    }

    @PostMapping("/objections")
    @PreAuthorize(WRITE)
    @Operation(operationId = "recordMarketingObjection", summary = "Record an objection to direct marketing received by phone, letter, mailbox or in person",
            description = "Give the person's email (every subject held under it objects; the address is suppressed "
                    + "even if nobody is held under it) or a subjectId, optionally a listId (default: all lists), and "
                    + "received = phone | letter | email | in-person. GDPR Art. 21(2)-(3): honoured from the next send.")
    ResponseEntity<ObjectionAnswer> objection(@RequestBody StaffObjection request) {
        ObjectionResult result = communications.recordStaffObjection(request);
        return ResponseEntity.status(201).body(new ObjectionAnswer(
                result.subjects().stream().map(SubjectId::toString).toList(),
                result.listId() == null ? null : result.listId().toString(), result.addressSuppressed()));
    }

    @PutMapping("/subjects/{id}/language")
    @PreAuthorize(WRITE)
    @Operation(operationId = "setSubjectLanguage", summary = "Set the language (nb or en) list mail and notices are written in for a person")
    ResponseEntity<Void> language(@PathVariable String id, @RequestBody LanguageRequest request) {
        communications.setLanguage(SubjectId.parse(id), request.language() == null ? "" : request.language());
        return ResponseEntity.noContent().build();
    }
}
