package no.vern.requests.api;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
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
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.requests.CaseEvent;
import no.vern.requests.CaseNote;
import no.vern.requests.ErasureCertificate;
import no.vern.requests.NewRequest;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestChannel;
import no.vern.requests.RequestId;
import no.vern.requests.RequestKind;
import no.vern.requests.RequestStatus;
import no.vern.requests.Requests;
import no.vern.requests.SystemStep;
import no.vern.shared.InvalidInput;
import no.vern.shared.ProblemResponse;
import no.vern.shared.VernClock;

/**
 * Data-subject requests over REST: staff tools and integrations register a request with its original
 * receipt time (the deadline runs from receipt, GDPR Art. 12(3)), list cases and act on them through
 * sub-resources.
 */
@RestController
@RequestMapping("/api/v1/requests")
@Tag(name = "Data-subject requests", description = "GDPR Arts. 12, 15–21: cases, deadlines, actions")
class RequestsApiController {

    static final String READ = "hasAuthority('SCOPE_requests:read')";
    static final String WRITE = "hasAuthority('SCOPE_requests:write')";

    private final Requests requests;

    RequestsApiController(Requests requests) {
        this.requests = requests;
    }

    record CreateRequest(@Nullable RequestKind kind, @Nullable String email, @Nullable RequestChannel channel,
            @Nullable OffsetDateTime receivedAt, @Nullable String language, @Nullable String details) {
        @Override
        public String toString() {
            return "CreateRequest[" + kind + ", " + channel + "]";
        }
    }

    record Created(String id, Instant dueAt, @Nullable String duplicateOf) {
    }

    record Summary(String id, RequestKind kind, RequestChannel channel, RequestStatus status, Instant receivedAt,
            Instant dueAt, @Nullable Instant extendedAt, @Nullable String assignee, boolean verified,
            @Nullable Instant closedAt, String subject, boolean inRegister) {
        static Summary of(RequestCase c) {
            return new Summary(c.id().toString(), c.kind(), c.channel(), c.status(), c.receivedAt(), c.dueAt(),
                    c.extendedAt(), c.assignee(), c.verifiedAt() != null, c.closedAt(), c.subject().toString(),
                    c.inRegister());
        }
    }

    record Page(List<Summary> requests) {
    }

    record AssignRequest(@Nullable String assignee) {
    }

    record VerifyRequest(@Nullable String how) {
    }

    record ExtendRequest(@Nullable Integer months, @Nullable String reasons) {
    }

    record ReasonsRequest(@Nullable String reasons) {
    }

    record AskRequest(no.vern.requests.@Nullable Clarification what, @Nullable String question) {
    }

    record RefusalRequest(no.vern.requests.@Nullable RefusalGround ground, @Nullable String reasons) {
    }

    /** Corrected values for one purpose (GDPR Art. 16); {@code toString()} names no values. */
    record RectifyRequest(@Nullable String purpose, @Nullable String name, @Nullable String email,
            @Nullable String phone) {

        @Override
        public String toString() {
            return "RectifyRequest[" + purpose + "]";
        }
    }

    /** The handler's decision on an objection; every field may be missing, so a bad body is a 400 only once allowed. */
    record ObjectionRequest(no.vern.requests.ObjectionDecision.@Nullable Ground ground, @Nullable String purposeKey,
            @Nullable Boolean upheld, @Nullable String reasons) {

        no.vern.requests.ObjectionDecision decision() {
            if (ground == no.vern.requests.ObjectionDecision.Ground.LEGITIMATE_INTEREST && upheld == null) {
                throw new InvalidInput("upheld", "is required for an objection to processing on legitimate interest", "requests.error.upheld");
            }
            return new no.vern.requests.ObjectionDecision(ground, purposeKey, Boolean.TRUE.equals(upheld), reasons);
        }
    }

    record WithdrawRequest(@Nullable List<String> purposes) {
    }

    record CompleteRequest(@Nullable String answer) {
    }

    record NoteRequest(@Nullable String text) {
        @Override
        public String toString() {
            return "NoteRequest[***]";
        }
    }

    record Notes(List<CaseNote> notes) {
    }

    record History(List<CaseEvent> events) {
    }

    record Steps(List<SystemStep> steps) {
    }

    @PostMapping
    @PreAuthorize(WRITE)
    @Operation(operationId = "createRequest", summary = "Register a request", description = "Due at the end of the day one calendar month after receivedAt in Europe/Oslo (GDPR Art. 12(3)); a request of the same person and kind while one is open is linked (200 with duplicateOf).")
    ResponseEntity<Created> create(@RequestBody CreateRequest body) {
        if (body.kind() == null) {
            throw new InvalidInput("kind", "is required: one of " + List.of(RequestKind.values()), "error.field.choose");
        }
        if (body.email() == null || body.email().isBlank()) {
            throw new InvalidInput("email", "is required", "error.field.required");
        }
        RequestChannel channel = body.channel() == null ? RequestChannel.API : body.channel();
        Locale locale = "en".equals(body.language()) ? Locale.ENGLISH : Locale.forLanguageTag("nb");
        Requests.Received received = requests.receive(new NewRequest(body.kind(), channel, body.email(),
                body.receivedAt() == null ? null : body.receivedAt().toInstant(), locale, body.details()));
        RequestCase c = received.request();
        if (received.duplicate()) {
            return ResponseEntity.ok(new Created(c.id().toString(), c.dueAt(), c.id().toString()));
        }
        return ResponseEntity.created(URI.create("/api/v1/requests/" + c.id()))
                .body(new Created(c.id().toString(), c.dueAt(), null));
    }

    @GetMapping
    @PreAuthorize(READ)
    @Operation(operationId = "listRequests", summary = "List requests", description = "Open requests (or those in status), soonest due first; due_before is an ISO instant, or a date (before the start of that day in Europe/Oslo).")
    Page list(@RequestParam(name = "status", required = false) @Nullable String status,
            @RequestParam(name = "due_before", required = false) @Nullable String dueBefore) {
        RequestStatus s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = RequestStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("status", "must be one of " + List.of(RequestStatus.values()), "error.field.choice");
            }
        }
        return new Page(requests.list(s, instant(dueBefore)).stream().map(Summary::of).toList());
    }

    @Operation(operationId = "getRequest")
    @GetMapping("/{id}")
    @PreAuthorize(READ)
    Summary get(@PathVariable String id) {
        return Summary.of(requests.get(RequestId.parse(id)));
    }

    @Operation(operationId = "getRequestHistory")
    @GetMapping("/{id}/history")
    @PreAuthorize(READ)
    History history(@PathVariable String id) {
        return new History(requests.history(RequestId.parse(id)));
    }

    @Operation(operationId = "listRequestSteps")
    @GetMapping("/{id}/steps")
    @PreAuthorize(READ)
    Steps steps(@PathVariable String id) {
        return new Steps(requests.steps(RequestId.parse(id)));
    }

    @Operation(operationId = "listRequestNotes")
    @GetMapping("/{id}/notes")
    @PreAuthorize(READ)
    Notes notes(@PathVariable String id) {
        return new Notes(requests.notes(RequestId.parse(id)));
    }

    @Operation(operationId = "addRequestNote")
    @PostMapping("/{id}/notes")
    @PreAuthorize(WRITE)
    ResponseEntity<CaseNote> addNote(@PathVariable String id, @RequestBody NoteRequest body) {
        return ResponseEntity.status(201).body(requests.addNote(RequestId.parse(id), body.text() == null ? "" : body.text()));
    }

    @Operation(operationId = "assignRequest")
    @PostMapping("/{id}/assign")
    @PreAuthorize(WRITE)
    Summary assign(@PathVariable String id, @RequestBody AssignRequest body) {
        return Summary.of(requests.assign(RequestId.parse(id), body.assignee() == null ? "" : body.assignee()));
    }

    @PostMapping("/{id}/verify")
    @PreAuthorize(WRITE)
    @Operation(operationId = "verifyRequester", summary = "Record identity verification by a handler", description = "GDPR Art. 12(6): proportionate verification.")
    Summary verify(@PathVariable String id, @RequestBody VerifyRequest body) {
        return Summary.of(requests.verify(RequestId.parse(id), body.how() == null ? "" : body.how()));
    }

    @PostMapping("/{id}/extend")
    @PreAuthorize(WRITE)
    @ProblemResponse(status = 409, description = "The deadline may not be extended (extension-not-allowed, GDPR Art. 12(3)).")
    @Operation(operationId = "extendRequestDeadline", summary = "Extend the deadline", description = "By 1 or 2 further months with reasons sent to the person, only within the first month (GDPR Art. 12(3)); 409 extension-not-allowed otherwise.")
    Summary extend(@PathVariable String id, @RequestBody ExtendRequest body) {
        if (body.months() == null) {
            throw new InvalidInput("months", "is required (1 or 2)", "error.field.choose");
        }
        return Summary.of(requests.extend(RequestId.parse(id), body.months(), body.reasons() == null ? "" : body.reasons()));
    }

    @PostMapping("/{id}/ask")
    @PreAuthorize(WRITE)
    @Operation(operationId = "askRequester", summary = "Ask the person for what the case needs; the case waits for the person",
            description = "what = IDENTITY (GDPR Art. 12(6): the one-month period runs from the answer) or SCOPE "
                    + "(recital 63: the period keeps running); question (in words) is mailed in the person's language. "
                    + "409 request-waiting if the case already waits.")
    Summary ask(@PathVariable String id, @RequestBody AskRequest body) {
        return Summary.of(requests.askPerson(RequestId.parse(id), body.what(),
                body.question() == null ? "" : body.question()));
    }

    @PostMapping("/{id}/answered")
    @PreAuthorize(WRITE)
    @Operation(operationId = "markRequesterAnswered", summary = "The person answered: the case goes on where it was",
            description = "After an identity question the due date becomes one month after the answer when that is later. "
                    + "409 request-not-waiting if the case does not wait.")
    Summary answered(@PathVariable String id) {
        return Summary.of(requests.personAnswered(RequestId.parse(id)));
    }

    @PostMapping("/{id}/refuse")
    @PreAuthorize(WRITE)
    @Operation(operationId = "refuseRequest", summary = "Refuse the request", description = "ground: the legal ground (MANIFESTLY_UNFOUNDED_OR_EXCESSIVE Art. 12(5), NOT_IDENTIFIED Art. 11(2)/12(2), RIGHTS_OF_OTHERS Art. 15(4) for access and portability, LEGAL_OBLIGATION Art. 17(3)(b) and LEGAL_CLAIMS Art. 17(3)(e) for erasure, PERSONOPPLYSNINGSLOVEN_16 for access); reasons in words are required. The answer names the ground and tells the person of the right to complain to Datatilsynet and to seek a judicial remedy (GDPR Art. 12(4)).")
    Summary refuse(@PathVariable String id, @RequestBody RefusalRequest body) {
        return Summary.of(requests.refuse(RequestId.parse(id), body.ground(), body.reasons() == null ? "" : body.reasons()));
    }

    @PostMapping("/{id}/complete")
    @PreAuthorize(WRITE)
    @ProblemResponse(status = 409, description = "Steps or recipient notices are outstanding, or the request is already closed.")
    @Operation(operationId = "completeRequest", summary = "Complete the request", description = "409 steps-outstanding while a connected system's step is "
            + "neither done nor waived. An erasure, rectification or restriction is carried out at once; when recipients "
            + "of the affected purposes are to be told (GDPR Art. 19) or connected systems' steps run, the case answers "
            + "INFORMING_RECIPIENTS and the person's answer is sent when each task and step has settled (see "
            + "/recipients). Completing it again before then: 409 recipients-outstanding.")
    Summary complete(@PathVariable String id, @RequestBody(required = false) @Nullable CompleteRequest body) {
        return Summary.of(requests.complete(RequestId.parse(id), body == null ? null : body.answer()));
    }

    @PostMapping("/{id}/objection")
    @PreAuthorize(WRITE)
    @Operation(operationId = "recordRequestObjection", summary = "Decide an objection and complete the case", description = "GDPR Art. 21. ground = "
            + "DIRECT_MARKETING (absolute: recorded for every subject under the address and the address suppressed) or "
            + "LEGITIMATE_INTEREST with purposeKey, upheld (true: the purpose's records are erased) and reasons (the "
            + "weighing the person is told). Only for OBJECTION cases.")
    Summary objection(@PathVariable String id, @RequestBody ObjectionRequest body) {
        return Summary.of(requests.decideObjection(RequestId.parse(id), body.decision()));
    }

    @PostMapping("/{id}/consent-withdrawal")
    @PreAuthorize(WRITE)
    @Operation(operationId = "recordRequestConsentWithdrawal", summary = "Withdraw the named consents and complete the case", description = "GDPR Art. 7(3): "
            + "purposes = the consent-based purpose keys the person named; withdrawn through the consent ledger for every "
            + "subject under the address. Only for WITHDRAW_CONSENT cases.")
    Summary withdrawal(@PathVariable String id, @RequestBody WithdrawRequest body) {
        return Summary.of(requests.withdrawConsents(RequestId.parse(id),
                body.purposes() == null ? java.util.Set.of() : java.util.Set.copyOf(body.purposes())));
    }

    @PostMapping("/{id}/rectify")
    @PreAuthorize(WRITE)
    @Operation(operationId = "rectifyRequest", summary = "Accept a rectification", description = "GDPR Art. 16: replaces the held values for the "
            + "purpose (the register keeps the change history), completes the case and tells the person. To reject, "
            + "refuse with reasons.")
    Summary rectify(@PathVariable String id, @RequestBody RectifyRequest body) {
        if (body.purpose() == null || body.purpose().isBlank()) {
            throw new InvalidInput("purpose", "is required", "error.field.required");
        }
        return Summary.of(requests.rectify(RequestId.parse(id), body.purpose(),
                no.vern.register.PersonalData.contact(body.name(), body.email(), body.phone())));
    }

    record Certificates(List<ErasureCertificate> certificates) {
    }

    record VerifyCertificateRequest(@Nullable String body, @Nullable String signature) {
    }

    record Verification(boolean valid) {
    }

    @GetMapping("/{id}/certificates")
    @PreAuthorize(READ)
    @Operation(operationId = "listRequestCertificates", summary = "Erasure certificates of a case", description = "Signed (Ed25519) JSON without personal data; the SHA-256 is in the audit log.")
    Certificates certificates(@PathVariable String id) {
        return new Certificates(requests.certificates(RequestId.parse(id)));
    }

    @PostMapping("/certificates/verify")
    @PreAuthorize(READ)
    @Operation(operationId = "verifyErasureCertificate", summary = "Verify an erasure certificate", description = "valid = Vern's signature over the exact body and a certificate with that hash was issued.")
    Verification verifyCertificate(@RequestBody VerifyCertificateRequest body) {
        return new Verification(body.body() != null && body.signature() != null
                && requests.verifyCertificate(body.body(), body.signature()));
    }

    record RecipientNotices(List<no.vern.requests.RecipientNotice> recipients) {
    }

    record SettleNoticeRequest(no.vern.requests.@Nullable NoticeState outcome, @Nullable String reason) {
    }

    @GetMapping("/{id}/recipients")
    @PreAuthorize(READ)
    @Operation(operationId = "listRequestRecipients", summary = "Recipients to be told (GDPR Art. 19)", description = "One task per recipient, from the record "
            + "of processing, of the purposes the erasure, rectification or restriction affected.")
    RecipientNotices recipients(@PathVariable String id) {
        return new RecipientNotices(requests.recipientNotices(RequestId.parse(id)));
    }

    @PostMapping("/{id}/recipients/{noticeId}")
    @PreAuthorize(WRITE)
    @Operation(operationId = "settleRequestRecipient", summary = "Settle one recipient's task (GDPR Art. 19)", description = "outcome TOLD (reason: an optional "
            + "note on how), IMPOSSIBLE or DISPROPORTIONATE (reason in words required: the person is given it). The last "
            + "settled task sends the held answer and completes the case.")
    no.vern.requests.RecipientNotice settleRecipient(@PathVariable String id, @PathVariable String noticeId,
            @RequestBody SettleNoticeRequest body) {
        return requests.settleRecipientNotice(RequestId.parse(id), uuid(noticeId), body.outcome(), body.reason());
    }

    @Operation(operationId = "waiveRequestStep")
    @PostMapping("/{id}/steps/{stepId}/waive")
    @PreAuthorize(WRITE)
    SystemStep waive(@PathVariable String id, @PathVariable String stepId, @RequestBody ReasonsRequest body) {
        return requests.waive(RequestId.parse(id), uuid(stepId), body.reasons() == null ? "" : body.reasons());
    }

    @Operation(operationId = "retryRequestStep")
    @PostMapping("/{id}/steps/{stepId}/retry")
    @PreAuthorize(WRITE)
    SystemStep retry(@PathVariable String id, @PathVariable String stepId) {
        return requests.retry(RequestId.parse(id), uuid(stepId));
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("stepId", "is not a step id", "error.field.id");
        }
    }

    private static @Nullable Instant instant(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(VernClock.ZONE).toInstant()
                    : OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInput("due_before", "must be an ISO date or instant with offset", "requests.error.dueBefore");
        }
    }
}
