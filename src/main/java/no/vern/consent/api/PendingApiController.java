package no.vern.consent.api;

import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.consent.HoldPending;
import no.vern.consent.PendingConsents;
import no.vern.consent.PendingItem;
import no.vern.register.PersonalData;
import no.vern.shared.InvalidInput;

/**
 * Data that arrived before consent, from another system (a recruitment inbox, a card scanner): held
 * encrypted, the person is asked, and it is purged by itself without an answer (S4, S5).
 */
@RestController
@Tag(name = "Consent", description = "Consent ledger, receipts and the consent check")
@SecurityRequirement(name = "bearer")
class PendingApiController {

    /** The data to hold; toString names no personal data. */
    record HoldRequest(@Nullable String purpose, @Nullable String language, @Nullable String name,
            @Nullable String email, @Nullable String phone, @Nullable String cv, @Nullable String mediaType,
            @Nullable String fileBase64) {

        @Override
        public String toString() {
            return "HoldRequest[" + purpose + ", ***]";
        }
    }

    /** The held item: ids, purpose and when it is purged without an answer. */
    record Held(String id, String subjectId, String purpose, String status, Instant expiresAt) {
    }

    private final PendingConsents pending;

    PendingApiController(PendingConsents pending) {
        this.pending = pending;
    }

    @PostMapping("/api/v1/consents/pending")
    @PreAuthorize("hasAuthority('SCOPE_consent:write')")
    @Operation(operationId = "holdPendingConsent", summary = "Hold data that arrived before consent and ask the person (S4, S5); 201",
            description = "The data is encrypted under a fresh subject key, a consent request with a signed link "
                    + "goes to the email given, and the data is crypto-shredded after vern.consent.pending-days "
                    + "(default 14) without consent. Nothing of it is readable before consent.")
    ResponseEntity<Held> hold(@RequestBody HoldRequest request) {
        if (request.language() != null && !List.of("nb", "no", "en").contains(request.language())) {
            throw new InvalidInput("language", "must be nb or en", "error.field.language");
        }
        byte[] file = null;
        if (request.fileBase64() != null && !request.fileBase64().isBlank()) {
            try {
                file = Base64.getDecoder().decode(request.fileBase64().strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("fileBase64", "is not base64", "consent.error.base64");
            }
        }
        PendingItem item = pending.hold(new HoldPending(request.purpose() == null ? "" : request.purpose(),
                "en".equals(request.language()) ? Locale.ENGLISH : Locale.forLanguageTag("nb"),
                new PersonalData(request.name(), request.email(), request.phone(), null, null, null, request.cv(), null),
                request.mediaType(), file));
        return ResponseEntity.created(URI.create("/api/v1/consents/pending/" + item.id())).body(new Held(
                item.id().toString(), item.subject().toString(), item.purposeKey(), item.status().name(),
                item.expiresAt()));
    }
}
