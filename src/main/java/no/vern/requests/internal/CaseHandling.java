package no.vern.requests.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.requests.CaseContact;
import no.vern.requests.CaseNote;
import no.vern.requests.Deadlines;
import no.vern.requests.ExtensionNotAllowed;
import no.vern.requests.Operation;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestId;
import no.vern.requests.RequestStatus;
import no.vern.shared.InvalidInput;

/**
 * A handler's work on an open case before it completes: assignment, identity verification (which
 * starts the work and the systems' steps), extension within the first month and refusal, both with
 * reasons the person is told (GDPR Art. 12(3), 12(4)), and the encrypted contact and notes (audited).
 */
@Component
class CaseHandling {

    private static final Pattern HANDLER = Pattern.compile("[A-Za-z0-9._-]{1,80}");

    private final Cases cases;
    private final CaseFile file;
    private final SystemFanOut systems;
    private final AuditLog audit;
    private final Mailer mailer;
    private final Clock clock;

    private final CaseClarification clarification;

    CaseHandling(Cases cases, CaseFile file, SystemFanOut systems, AuditLog audit, Mailer mailer, Clock clock,
            CaseClarification clarification) {
        this.clarification = clarification;
        this.cases = cases;
        this.file = file;
        this.systems = systems;
        this.audit = audit;
        this.mailer = mailer;
        this.clock = clock;
    }

    CaseContact contact(RequestCase c) {
        CaseContact contact = new CaseContact(file.decryptOr(c.subject(), CaseFile.EMAIL_CATEGORY, c.id().value(),
                cases.emailCiphertext(c.id())), file.details(c));
        audit.record(AuditEvent.by(RequestService.actor(), "requests.contact.read", Outcome.SUCCESS)
                .withPurpose(RequestService.PURPOSE).withTargets(c.id().reference(), c.subject().reference()));
        return contact;
    }

    void assign(RequestId id, String handler) {
        RequestCase c = file.open(id);
        if (handler == null || !HANDLER.matcher(handler.strip()).matches()) {
            throw new InvalidInput("assignee", "is not a username", "error.field.username");
        }
        cases.assign(id, handler.strip());
        file.changed(c, "assigned", handler.strip(), "requests.case.assign", handler.strip());
    }

    void verify(RequestId id, String how) {
        RequestCase c = file.open(id);
        if (how == null || how.isBlank() || how.length() > 80) {
            throw new InvalidInput("how", "must say how the identity was verified (at most 80 characters)", "requests.error.how");
        }
        verified(c, how.strip());
    }

    /** The person's identity is verified (by code or by a handler): the work starts, with the systems' steps. */
    void verified(RequestCase c, String how) {
        clarification.identityConfirmed(c);
        Instant now = clock.instant();
        cases.verified(c.id(), how, now);
        file.changed(c, "verified", how, "requests.case.verify", how);
        RequestStatus next = RequestStatus.IN_PROGRESS;
        Operation operation = switch (c.kind()) {
            case ACCESS, PORTABILITY -> Operation.ACCESS;
            default -> null;
        };
        if (operation != null && systems.start(c, operation, null)) {
            next = RequestStatus.WAITING_FOR_SYSTEMS;
        }
        if (c.status() != RequestStatus.EXTENDED) {
            cases.status(c.id(), next, now);
            cases.event(c.id(), now, RequestService.actor().reference(), "status", next.name().toLowerCase(Locale.ROOT),
                    List.of(next.name()));
        }
    }

    void extend(RequestId id, int months, String reasons) {
        RequestCase c = file.open(id);
        String why = CaseFile.required("reasons", reasons, 4000);
        Instant now = clock.instant();
        // GDPR Art. 12(3): the person must be told of an extension, with reasons, within one month of receipt.
        if (!Deadlines.mayExtendAt(c.receivedAt(), now)) {
            throw new ExtensionNotAllowed("Request " + id + " can no longer be extended: the first month after receipt has passed.");
        }
        if (months < 1 || months > Deadlines.MAX_EXTENSION_MONTHS) {
            throw new InvalidInput("months", "must be 1 or 2 (at most two further months)", "requests.error.months");
        }
        Instant due = Deadlines.extendedDue(c.receivedAt(), months);
        if (!due.isAfter(c.dueAt())) {
            throw new ExtensionNotAllowed("Request " + id + " is already extended to that date or later.");
        }
        cases.extended(id, due, now);
        file.note(c, "Extension reasons: " + why, now);
        file.changed(c, "extended", months + " month(s), due " + due, "requests.case.extend", String.valueOf(months),
                due.toString());
        Locale locale = Locale.forLanguageTag(c.language());
        mailer.send(id, file.email(c), locale, "extended", file.kindText(c.kind(), c.language()),
                CaseFile.DATE.format(due), why);
    }

    void refuse(RequestId id, no.vern.requests.@Nullable RefusalGround ground, String reasons) {
        RequestCase c = file.notYetCarriedOut(id);
        if (ground == null) {
            throw new InvalidInput("ground", "is required: the legal ground the refusal rests on", "requests.error.ground");
        }
        if (!ground.answers(c.kind())) {
            throw new InvalidInput("ground", "does not apply to a request of this kind", "requests.error.groundKind");
        }
        String why = CaseFile.substantive("reasons", reasons, 4000);
        Instant now = clock.instant();
        cases.status(id, RequestStatus.REFUSED, now);
        file.note(c, "Refusal (" + ground.name() + "): " + why, now);
        file.changed(c, "refused", ground.name(), "requests.case.refuse", ground.name());
        // GDPR Art. 12(4): the ground and the reasons, and the right to complain to Datatilsynet and to go to court.
        Locale locale = Locale.forLanguageTag(c.language());
        mailer.send(id, file.email(c), locale, "refused", file.kindText(c.kind(), c.language()), why,
                mailer.text("requests.refusalGround." + ground.name(), locale));
    }

    CaseNote addNote(RequestCase c, String text) {
        String body = CaseFile.required("text", text, 8000);
        Instant now = clock.instant();
        UUID noteId = file.note(c, body, now);
        file.changed(c, "note", null, "requests.case.note");
        return new CaseNote(noteId, RequestService.actor().reference(), now, body);
    }

    List<CaseNote> notes(RequestCase c) {
        List<CaseNote> notes = cases.notes(c.id()).stream().map(n -> new CaseNote(n.id(), n.author(), n.at(),
                file.decryptOr(c.subject(), CaseFile.NOTE_CATEGORY, n.id(), n.body()))).toList();
        audit.record(AuditEvent.by(RequestService.actor(), "requests.notes.read", Outcome.SUCCESS)
                .withPurpose(RequestService.PURPOSE).withTargets(c.id().reference(), c.subject().reference()));
        return notes;
    }
}
