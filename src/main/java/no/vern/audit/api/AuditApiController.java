package no.vern.audit.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.audit.AuditChain;
import no.vern.audit.AuditFilter;
import no.vern.audit.AuditPage;
import no.vern.audit.AuditTrail;
import no.vern.audit.AuditVerification;
import no.vern.audit.Outcome;
import no.vern.shared.ProblemResponse;

/** REST access to the audit log for auditors' tools and monitoring; requires the {@code audit:read} scope. */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = "application/json")
@Tag(name = "Audit log", description = "The tamper-evident audit log: verification of the hash chain and search "
        + "of entries. Entries hold opaque ids only, never personal data. Every search is itself audited.")
class AuditApiController {

    /** The authority of the {@code audit:read} scope (identity's ApiScope.AUDIT_READ; audit cannot depend on it). */
    static final String AUDIT_READ = "hasAuthority('SCOPE_audit:read')";

    private final AuditChain chain;
    private final AuditTrail trail;

    AuditApiController(AuditChain chain, AuditTrail trail) {
        this.chain = chain;
        this.trail = trail;
    }

    @GetMapping("/verify")
    @PreAuthorize(AUDIT_READ)
    @Operation(operationId = "verifyAuditChain", summary = "Verify the hash chain now",
            description = "Walks the whole chain, recomputes every hash from the stored entries and reports the first "
                    + "broken link (chain position, entry id and reason). The result is stored and audited.")
    @ApiResponse(responseCode = "200", description = "The verification result; ok=false names the first broken link")
    AuditVerification verify() {
        return chain.verify();
    }

    @GetMapping("/entries")
    @PreAuthorize(AUDIT_READ)
    @Operation(operationId = "listAuditEntries", summary = "Search audit entries, newest first",
            description = "Filters combine with AND. The page size is capped at 200. The search is recorded as "
                    + "audit.entries.read (with the target, if one was given).")
    @ApiResponse(responseCode = "200", description = "One page of entries")
    @ApiResponse(responseCode = "400", description = "A filter is malformed (problem detail lists the fields)")
    AuditPage entries(
            @Parameter(description = "Exact actor reference, e.g. staff:kari or api_client:<token id>")
            @RequestParam(required = false) @Nullable String actor,
            @Parameter(description = "Action or dotted action prefix, e.g. register.subject")
            @RequestParam(required = false) @Nullable String action,
            @Parameter(description = "Exact target reference, e.g. subject:<uuid>")
            @RequestParam(required = false) @Nullable String target,
            @Parameter(description = "SUCCESS, DENIED or FAILURE")
            @RequestParam(required = false) @Nullable Outcome outcome,
            @Parameter(description = "Inclusive lower bound, ISO-8601 instant")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @Parameter(description = "Exclusive upper bound, ISO-8601 instant")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
            @Parameter(description = "Zero-based page number") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Page size, at most 200") @RequestParam(defaultValue = "50") int size) {
        return trail.search(new AuditFilter(actor, action, target, outcome, from, to), page, size);
    }
}
