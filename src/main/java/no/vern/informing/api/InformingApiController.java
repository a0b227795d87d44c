package no.vern.informing.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.informing.Exemption;
import no.vern.informing.SourceNotice;
import no.vern.informing.SourceNotices;
import no.vern.register.Source;
import no.vern.shared.InvalidInput;
import no.vern.shared.ProblemResponse;
import no.vern.shared.SubjectId;

/**
 * The Art. 14 notices of one person for the company's other systems (issue 26 item 4): whether and when they were
 * told, from which record version and with which text (its hash, never the text), or the Art. 14(5) exemption
 * recorded instead; and recording such an exemption. Subjects are named by their opaque id only.
 */
@RestController
@Tag(name = "Art. 14 notices", description = "Notices to people whose data came from others (GDPR Art. 14)")
class InformingApiController {

    static final String READ = "hasAuthority('SCOPE_informing:read')";
    static final String WRITE = "hasAuthority('SCOPE_informing:write')";

    private final SourceNotices notices;
    private final AuditLog audit;

    InformingApiController(SourceNotices notices, AuditLog audit) {
        this.notices = notices;
        this.audit = audit;
    }

    /**
     * One notice as the API shows it.
     *
     * @param id the notice
     * @param state scheduled, sent, exempt or unreachable
     * @param source where the data came from
     * @param purposeKey the purpose the notice describes
     * @param origin the import it came with ({@code import:<uuid>}), or null
     * @param language the language it is (to be) written in
     * @param obtainedAt when the data was obtained
     * @param sendAt when it is (or was) planned to go out
     * @param deadline the Art. 14(3)(a) deadline
     * @param sentAt when it went to the outbox, or null
     * @param recordVersion the record version it was written from, or null before it is sent
     * @param textSha256 SHA-256 of the text as sent, or null before it is sent
     * @param exemption the Art. 14(5) ground recorded instead, or null
     * @param exemptionReason the reason given, or null
     * @param exemptedBy who recorded the exemption, or null
     * @param exemptedAt when, or null
     */
    record NoticeView(UUID id, SourceNotice.State state, Source source, String purposeKey, @Nullable String origin,
            String language, Instant obtainedAt, Instant sendAt, Instant deadline, @Nullable Instant sentAt,
            @Nullable Integer recordVersion, @Nullable String textSha256, @Nullable Exemption exemption,
            @Nullable String exemptionReason, @Nullable String exemptedBy, @Nullable Instant exemptedAt) {

        static NoticeView of(SourceNotice n) {
            return new NoticeView(n.id(), n.state(), n.source(), n.purposeKey(), n.origin(), n.language(),
                    n.obtainedAt(), n.sendAt(), n.deadline(), n.sentAt(), n.recordVersion(), n.textSha256(),
                    n.exemption(), n.exemptionReason(), n.exemptedBy(), n.exemptedAt());
        }
    }

    /**
     * An exemption to record.
     *
     * @param exemption the Art. 14(5) ground
     * @param reason why it applies (10-2000 characters)
     */
    record ExemptionInput(@Nullable Exemption exemption, @Nullable String reason) {
    }

    /**
     * What an exemption covered.
     *
     * @param covered how many notices not yet sent it covers
     */
    record ExemptionResult(int covered) {
    }

    @GetMapping("/api/v1/informing/subjects/{id}/notices")
    @PreAuthorize(READ)
    @Operation(operationId = "listSubjectNotices", summary = "A person's Art. 14 notices, oldest first, with their state")
    List<NoticeView> notices(@PathVariable UUID id) {
        SubjectId subject = new SubjectId(id);
        List<NoticeView> views = notices.of(subject).stream().map(NoticeView::of).toList();
        // the answer holds exemption reasons, which may describe the person
        audit.recordRead(AuditEvent.of("informing.notice.read", Outcome.SUCCESS).withTargets(subject.reference()));
        return views;
    }

    @PostMapping("/api/v1/informing/subjects/{id}/exemption")
    @PreAuthorize(WRITE)
    @ProblemResponse(status = 409, description = "No notice of the person is left to exempt (nothing-to-exempt).")
    @Operation(operationId = "exemptSubjectNotices",
            summary = "Record an Art. 14(5) exemption with its reason for every notice of the person not yet sent; nothing is sent for them")
    ExemptionResult exempt(@PathVariable UUID id, @RequestBody ExemptionInput input) {
        if (input.exemption() == null) {
            throw new InvalidInput("exemption", "is required (an Art. 14(5) ground)", "error.field.required");
        }
        return new ExemptionResult(notices.exempt(new SubjectId(id), input.exemption(),
                input.reason() == null ? "" : input.reason()));
    }
}
