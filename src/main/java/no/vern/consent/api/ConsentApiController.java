package no.vern.consent.api;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.consent.Channel;
import no.vern.consent.ConsentEventType;
import no.vern.consent.ConsentLedger;
import no.vern.consent.ConsentReceipt;
import no.vern.consent.ConsentReceiptDocument;
import no.vern.consent.ConsentState;
import no.vern.consent.GiveConsent;
import no.vern.consent.KantaraReceipt;
import no.vern.consent.KantaraReceipts;
import no.vern.shared.InvalidInput;
import no.vern.shared.ProblemResponse;
import no.vern.shared.SubjectId;

/**
 * Consents for the company's other systems: record a consent before storing anything (S4), withdraw
 * it, read a subject's consents and receipts, and ask whether an address may be contacted for a purpose.
 */
@RestController
@RequestMapping("/api/v1/consents")
@Tag(name = "Consent", description = "Consent ledger, receipts and the consent check")
@SecurityRequirement(name = "bearer")
class ConsentApiController {

    private static final String READ = "hasAuthority('SCOPE_consent:read')";
    private static final String WRITE = "hasAuthority('SCOPE_consent:write')";

    private final ConsentLedger ledger;
    private final KantaraReceipts kantara;
    private final Clock clock;

    ConsentApiController(ConsentLedger ledger, KantaraReceipts kantara, Clock clock) {
        this.ledger = ledger;
        this.kantara = kantara;
        this.clock = clock;
    }

    /** A consent to record; the email, if given, only receives the receipt and is never stored. */
    record GiveRequest(@Nullable String subjectId, @Nullable String purpose, @Nullable Channel channel,
            @Nullable String language, @Nullable Integer noticeVersion, @Nullable String noticeHash,
            @Nullable Instant expiresAt, @Nullable String email) {

        @Override
        public String toString() {
            return "GiveRequest[" + subjectId + ", " + purpose + ", email=" + (email == null ? "none" : "***") + "]";
        }
    }

    /** The recorded consent: its receipt, the subject (new or given) and the withdrawal link for the person. */
    record Given(String receiptId, String subjectId, String type, String withdrawUrl, int noticeVersion,
            String noticeHash) {
    }

    /** Why a withdrawal is recorded (optional, no personal data). */
    record WithdrawRequest(@Nullable String reason, @Nullable Channel channel) {
    }

    /** One consent of a subject as it stands now. */
    record StateView(String purpose, ConsentEventType status, boolean active, Instant since, @Nullable Instant expiresAt,
            @Nullable UUID receiptId) {

        static StateView of(ConsentState s, Instant now) {
            return new StateView(s.purposeKey(), s.status(), s.activeAt(now), s.since(), s.expiresAt(),
                    s.receiptId());
        }
    }

    /** A subject's consents. */
    record SubjectConsents(String subjectId, List<StateView> consents) {
    }

    /** The answer of the consent check: nothing but yes or no. */
    record Check(boolean allowed) {
    }

    @GetMapping
    @PreAuthorize(READ)
    @Operation(operationId = "listConsents", summary = "A subject's consents as they stand now, by purpose")
    SubjectConsents list(@Parameter(description = "subject id") @RequestParam String subject) {
        SubjectId id = SubjectId.parse(subject);
        return new SubjectConsents(id.toString(), ledger.currentOf(id).stream().map(st -> StateView.of(st, clock.instant())).toList());
    }

    @PostMapping
    @PreAuthorize(WRITE)
    @ProblemResponse(status = 409, description = "The notice shown is not the current one (stale-notice).")
    @Operation(operationId = "giveConsent", summary = "Record a consent before anything is stored (S4); 201 with the receipt",
            description = "Without subjectId, the subject already held under the email is used (one person, one subject), else a new id is allocated. The purpose must be based on consent. "
                    + "noticeVersion/noticeHash state the notice shown; a stale one is refused (409 stale-notice). "
                    + "An email, if given, receives the receipt and withdrawal link and is never stored.")
    ResponseEntity<Given> give(@RequestBody GiveRequest request) {
        if (request.purpose() == null || request.purpose().isBlank()) {
            throw new InvalidInput("purpose", "is required", "error.field.required");
        }
        SubjectId subject = request.subjectId() == null || request.subjectId().isBlank() ? null
                : SubjectId.parse(request.subjectId());
        Locale language = "en".equals(request.language()) ? Locale.ENGLISH : Locale.forLanguageTag("nb");
        if (request.language() != null && !List.of("nb", "no", "en").contains(request.language())) {
            throw new InvalidInput("language", "must be nb or en", "error.field.language");
        }
        ConsentReceipt receipt = ledger.give(new GiveConsent(subject, request.purpose(),
                request.channel() == null ? Channel.API : request.channel(), language, request.noticeVersion(),
                request.noticeHash(), request.expiresAt(), request.email()));
        return ResponseEntity.created(URI.create("/api/v1/consents/" + receipt.receiptId()))
                .body(new Given(receipt.receiptId().toString(), receipt.subject().toString(), receipt.type().name(),
                        receipt.withdrawUrl(), receipt.noticeVersion(), receipt.noticeHash()));
    }

    @GetMapping("/{receiptId}")
    @PreAuthorize(READ)
    @Operation(operationId = "getConsentReceipt", summary = "The consent receipt (ISO/IEC TS 27560, Kantara fields)")
    ConsentReceiptDocument receipt(@PathVariable String receiptId) {
        return ledger.receipt(receiptId(receiptId));
    }

    @GetMapping("/{receiptId}/kantara")
    @PreAuthorize(READ)
    @Operation(operationId = "getKantaraConsentReceipt", summary = "The consent receipt in the Kantara Consent Receipt v1.1.0 shape",
            description = "The same consent as GET /api/v1/consents/{receiptId}, in the field names of the Kantara "
                    + "Initiative's Consent Receipt Specification v1.1.0 for systems that read that format.")
    KantaraReceipt kantaraReceipt(@PathVariable String receiptId) {
        return kantara.receipt(receiptId(receiptId));
    }

    @PostMapping("/{receiptId}/withdraw")
    @PreAuthorize(WRITE)
    @Operation(operationId = "withdrawConsent", summary = "Withdraw the consent of a receipt; effective at once (GDPR Art. 7(3))")
    StateView withdraw(@PathVariable String receiptId, @RequestBody(required = false) @Nullable WithdrawRequest request) {
        Channel channel = request == null || request.channel() == null ? Channel.API : request.channel();
        if (channel == Channel.WITHDRAWAL_LINK || channel == Channel.SYSTEM) {
            throw new InvalidInput("channel", "is not a channel for this call", "consent.error.channelForCall");
        }
        return StateView.of(ledger.withdrawReceipt(receiptId(receiptId), channel, request == null ? null : request.reason()),
                clock.instant());
    }

    /** The consent check's question: an email address and a purpose key. */
    record CheckRequest(@Nullable String email, @Nullable String purpose) {

        @Override
        public String toString() {
            return "CheckRequest[" + purpose + ", email=***]";
        }
    }

    @PostMapping(path = "/check", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(READ)
    @Operation(operationId = "checkConsent", summary = "Whether anyone with this email address has a consent in force for the purpose",
            description = "Body {\"email\",\"purpose\"}; answers {\"allowed\": true|false} only. The address is "
                    + "never echoed, stored or logged, and travels in the body so that no URL ever holds it.")
    Check check(@RequestBody CheckRequest request) {
        if (request.email() == null || request.email().isBlank()) {
            throw new InvalidInput("email", "is required", "error.field.required");
        }
        if (request.purpose() == null || request.purpose().isBlank()) {
            throw new InvalidInput("purpose", "is required", "error.field.required");
        }
        return new Check(ledger.allowedForEmail(request.email(), request.purpose()));
    }

    private static UUID receiptId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("receiptId", "is not a receipt id", "error.field.id");
        }
    }
}
