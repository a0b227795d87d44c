package no.vern.requests.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.crypto.BlindIndex;
import no.vern.crypto.SubjectCipher;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectSummary;
import no.vern.requests.Deadlines;
import no.vern.requests.NewRequest;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestChannel;
import no.vern.requests.RequestId;
import no.vern.requests.RequestStatus;
import no.vern.requests.Requests.Received;
import no.vern.shared.Actors;
import no.vern.shared.EmailAddresses;
import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;

/**
 * Receiving a request: the Art. 12(3) deadline from its receipt, a second request of the same person
 * and kind linked to the open case, the person looked up in the register by the address's blind index,
 * the address and words encrypted under the subject's key, and an acknowledgement for a request the
 * person sent from that address themselves.
 */
@Component
class CaseIntake {

    private final Cases cases;
    private final CaseFile file;
    private final SubjectCipher cipher;
    private final BlindIndex blindIndex;
    private final SubjectRegister register;
    private final AuditLog audit;
    private final Mailer mailer;
    private final Clock clock;

    CaseIntake(Cases cases, CaseFile file, SubjectCipher cipher, BlindIndex blindIndex, SubjectRegister register,
            AuditLog audit, Mailer mailer, Clock clock) {
        this.cases = cases;
        this.file = file;
        this.cipher = cipher;
        this.blindIndex = blindIndex;
        this.register = register;
        this.audit = audit;
        this.mailer = mailer;
        this.clock = clock;
    }

    Received receive(NewRequest request) {
        if (request.kind() == null) {
            throw new InvalidInput("kind", "is required", "error.field.required");
        }
        if (request.channel() == null) {
            throw new InvalidInput("channel", "is required", "error.field.required");
        }
        String email = EmailAddresses.normalise(request.email(), "email");
        Instant now = clock.instant();
        Instant receivedAt = request.receivedAt() == null ? now : request.receivedAt();
        if (receivedAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw new InvalidInput("receivedAt", "is in the future", "error.field.notInFuture");
        }
        String details = request.details() == null ? null : request.details().strip();
        if (details != null && details.length() > 8000) {
            throw new InvalidInput("details", "must be at most 8000 characters", "error.field.tooLong", "8000");
        }
        String language = "en".equals(request.locale().getLanguage()) ? "en" : "nb";
        List<byte[]> indexes = blindIndex.candidates("email", email);
        var open = cases.openMatch(indexes, request.kind());
        if (open.isPresent()) {
            RequestCase existing = open.get();
            cases.event(existing.id(), now, RequestService.actor().reference(), "duplicate-linked",
                    "channel " + request.channel().name().toLowerCase(Locale.ROOT), List.of(request.channel().name()));
            audit.record(AuditEvent.by(RequestService.actor(), "requests.case.duplicate", Outcome.SUCCESS)
                    .withTargets(existing.id().reference(), existing.subject().reference()));
            return new Received(existing, true);
        }
        // One person, all records (issue 20, item 5): every subject under the address, the oldest holds the case key.
        List<SubjectSummary> onFile = Actors.runAs(RequestService.actor(), () -> register.findByEmail(email));
        boolean inRegister = !onFile.isEmpty();
        SubjectId subject = inRegister ? onFile.get(0).id() : SubjectId.random();
        RequestId id = RequestId.random();
        RequestCase c = new RequestCase(id, request.kind(), request.channel(), RequestStatus.RECEIVED, subject,
                inRegister, language, receivedAt, Deadlines.due(receivedAt), null, null, null, null, null, null, 0);
        byte[] emailCt = cipher.encryptText(subject, CaseFile.EMAIL_CATEGORY, id.value(), email);
        byte[] detailsCt = details == null || details.isEmpty() ? null
                : cipher.encryptText(subject, CaseFile.DETAILS_CATEGORY, id.value(), details);
        cases.insert(c, emailCt, blindIndex.email(email), detailsCt, now);
        cases.addSubjects(id, onFile.stream().map(SubjectSummary::id).toList(), now);
        cases.event(id, now, RequestService.actor().reference(), "received",
                "channel " + request.channel().name().toLowerCase(Locale.ROOT)
                + (inRegister ? ", on file (" + onFile.size() + " subject(s))" : ", not on file"),
                List.of(request.channel().name(), String.valueOf(inRegister ? onFile.size() : 0)));
        audit.record(AuditEvent.by(RequestService.actor(), "requests.case.receive", Outcome.SUCCESS)
                .withPurpose(RequestService.PURPOSE).withTargets(id.reference(), subject.reference()));
        if (request.channel() != RequestChannel.WEB_FORM) {
            // The person wrote from this address themselves (mailbox, letter registered by staff): acknowledge.
            mailer.send(id, email, Locale.forLanguageTag(language), "received", file.kindText(c.kind(), language),
                    CaseFile.DATE.format(c.dueAt()));
        }
        return new Received(c, false);
    }
}
