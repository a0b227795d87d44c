package no.vern.vendors.api;

import java.net.URI;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.ProblemResponse;
import no.vern.vendors.Agreement;
import no.vern.vendors.AgreementDocument;
import no.vern.vendors.AgreementDocuments;
import no.vern.vendors.DpaClause;
import no.vern.vendors.Transfer;
import no.vern.vendors.TransferInput;
import no.vern.vendors.Vendor;
import no.vern.vendors.VendorInput;
import no.vern.vendors.VendorRegister;

/** The vendor register for the company's other systems: vendors, their agreements and their transfers. */
@RestController
@Tag(name = "Vendors", description = "Processors, agreements (Art. 28) and transfers outside the EU/EEA (Arts. 44-49)")
class VendorApiController {

    static final String READ = "hasAuthority('SCOPE_vendors:read')";
    static final String WRITE = "hasAuthority('SCOPE_vendors:write')";

    private final VendorRegister register;
    private final AgreementDocuments documents;

    VendorApiController(VendorRegister register, AgreementDocuments documents) {
        this.register = register;
        this.documents = documents;
    }

    /** A vendor with what hangs on it. */
    record VendorView(Vendor vendor, @Nullable Agreement agreementInForce, List<TransferView> transfers) {
    }

    /** A transfer and whether its mechanism holds today. */
    record TransferView(Transfer transfer, boolean validMechanism) {
    }

    /** A new agreement. */
    record AgreementInput(@Nullable String version, @Nullable LocalDate signedOn, @Nullable LocalDate expiresOn,
            @Nullable Set<DpaClause> clauses) {
    }

    /** Acceptance of a transfer without a valid mechanism. */
    record Acceptance(@Nullable String reason) {
    }

    private VendorView view(Vendor v) {
        return new VendorView(v, register.agreementInForce(v.id()).orElse(null),
                register.transfers(v.id()).stream().map(t -> new TransferView(t, register.hasValidMechanism(t))).toList());
    }

    @GetMapping("/api/v1/vendors")
    @PreAuthorize(READ)
    @Operation(operationId = "listVendors", summary = "Every vendor with its agreement in force and its transfers")
    List<VendorView> list() {
        return register.vendors().stream().map(this::view).toList();
    }

    @GetMapping("/api/v1/vendors/{id}")
    @PreAuthorize(READ)
    @Operation(operationId = "getVendor", summary = "One vendor")
    VendorView get(@PathVariable UUID id) {
        return view(register.vendor(id).orElseThrow(() -> new NotFound("Vendor", id)));
    }

    @PostMapping("/api/v1/vendors")
    @PreAuthorize(WRITE)
    @Operation(operationId = "createVendor", summary = "Register a vendor")
    ResponseEntity<VendorView> create(@RequestBody VendorInput input) {
        Vendor v = register.create(input);
        return ResponseEntity.created(URI.create("/api/v1/vendors/" + v.id())).body(view(v));
    }

    @PutMapping("/api/v1/vendors/{id}")
    @PreAuthorize(WRITE)
    @Operation(operationId = "updateVendor", summary = "Change a vendor")
    VendorView update(@PathVariable UUID id, @RequestBody VendorInput input) {
        return view(register.update(id, input));
    }

    @DeleteMapping("/api/v1/vendors/{id}")
    @PreAuthorize(WRITE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteVendor", summary = "Remove a vendor with its agreements and transfers")
    void delete(@PathVariable UUID id) {
        register.delete(id);
    }

    @GetMapping("/api/v1/vendors/{id}/agreements")
    @PreAuthorize(READ)
    @Operation(operationId = "listVendorAgreements", summary = "A vendor's agreements, newest first (the first is in force)")
    List<Agreement> agreements(@PathVariable UUID id) {
        if (register.vendor(id).isEmpty()) {
            throw new NotFound("Vendor", id);
        }
        return register.agreements(id);
    }

    @PostMapping("/api/v1/vendors/{id}/agreements")
    @PreAuthorize(WRITE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "addVendorAgreement", summary = "Register a signed data processing agreement (Art. 28(3))")
    Agreement addAgreement(@PathVariable UUID id, @RequestBody AgreementInput input) {
        if (input.signedOn() == null) {
            throw new InvalidInput("signedOn", "is required", "error.field.required");
        }
        Set<DpaClause> clauses = input.clauses() == null || input.clauses().isEmpty() ? EnumSet.noneOf(DpaClause.class)
                : EnumSet.copyOf(input.clauses());
        return register.addAgreement(id, input.version() == null ? "" : input.version(), input.signedOn(),
                input.expiresOn(), clauses);
    }

    @DeleteMapping("/api/v1/vendors/{id}/agreements/{agreementId}")
    @PreAuthorize(WRITE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteVendorAgreement", summary = "Remove an agreement registered in error")
    void deleteAgreement(@PathVariable UUID id, @PathVariable UUID agreementId) {
        register.deleteAgreement(id, agreementId);
    }

    @GetMapping("/api/v1/transfers")
    @PreAuthorize(READ)
    @Operation(operationId = "listTransfers", summary = "Every registered transfer outside the EU/EEA")
    List<TransferView> transfers() {
        return register.transfers().stream().map(t -> new TransferView(t, register.hasValidMechanism(t))).toList();
    }

    @PostMapping("/api/v1/vendors/{id}/transfers")
    @PreAuthorize(WRITE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "addVendorTransfer", summary = "Register a transfer of a vendor")
    TransferView addTransfer(@PathVariable UUID id, @RequestBody TransferInput input) {
        Transfer t = register.addTransfer(id, input);
        return new TransferView(t, register.hasValidMechanism(t));
    }

    @PutMapping("/api/v1/vendors/{id}/transfers/{transferId}")
    @PreAuthorize(WRITE)
    @Operation(operationId = "updateVendorTransfer", summary = "Change a transfer (an earlier acceptance lapses)")
    TransferView updateTransfer(@PathVariable UUID id, @PathVariable UUID transferId, @RequestBody TransferInput input) {
        Transfer t = register.updateTransfer(id, transferId, input);
        return new TransferView(t, register.hasValidMechanism(t));
    }

    @DeleteMapping("/api/v1/vendors/{id}/transfers/{transferId}")
    @PreAuthorize(WRITE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteVendorTransfer", summary = "Remove a transfer")
    void deleteTransfer(@PathVariable UUID id, @PathVariable UUID transferId) {
        register.deleteTransfer(id, transferId);
    }

    @PostMapping("/api/v1/vendors/{id}/transfers/{transferId}/acceptance")
    @PreAuthorize(WRITE)
    @Operation(operationId = "acceptVendorTransfer", summary = "Accept a transfer without a valid mechanism, with a reason (it stops blocking the policy)")
    TransferView accept(@PathVariable UUID id, @PathVariable UUID transferId, @RequestBody Acceptance acceptance) {
        Transfer t = register.accept(id, transferId, acceptance.reason() == null ? "" : acceptance.reason());
        return new TransferView(t, register.hasValidMechanism(t));
    }

    @PutMapping("/api/v1/vendors/{id}/agreements/{agreementId}/document")
    @PreAuthorize(WRITE)
    @ProblemResponse(status = 413, description = "The document is larger than the upload gate allows (payload-too-large).")
    @Operation(operationId = "putAgreementDocument", summary = "Store the signed document of an agreement (Art. 28(3), (9))",
            description = "The raw bytes with their Content-Type and an optional file name. The upload gate checks the type "
                    + "from the content (PDF and office documents), size, archives and malware, and refuses with 400 and "
                    + "the reason; a stored document is replaced. Audited with ids only.")
    AgreementDocument putDocument(@PathVariable UUID id, @PathVariable UUID agreementId, @RequestBody byte[] content,
            @org.springframework.web.bind.annotation.RequestHeader(name = org.springframework.http.HttpHeaders.CONTENT_TYPE,
                    required = false) @Nullable String contentType,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Nullable String filename) {
        return documents.attach(id, agreementId, filename, contentType, content);
    }

    @GetMapping("/api/v1/vendors/{id}/agreements/{agreementId}/document")
    @PreAuthorize(READ)
    @Operation(operationId = "getAgreementDocument", summary = "Download the signed document of an agreement",
            description = "Always as an attachment with the type detected at upload; audited. 404 when none is stored.")
    ResponseEntity<byte[]> getDocument(@PathVariable UUID id, @PathVariable UUID agreementId) {
        AgreementDocuments.File file = documents.download(id, agreementId);
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType(file.document().mediaType()))
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        org.springframework.http.ContentDisposition.attachment().filename(file.document().filename(),
                                java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff").body(file.content());
    }
}
