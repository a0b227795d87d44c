package no.vern.requests.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.crypto.SubjectCipher;
import no.vern.crypto.SubjectKeyDestroyed;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestCompleted;
import no.vern.requests.RequestClosed;
import no.vern.requests.RequestId;
import no.vern.requests.RequestStatus;
import no.vern.requests.RequestKind;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;
import no.vern.shared.VernClock;

/**
 * One case's file as the workflow steps use it: the open case locked for a change, its history and
 * audit entry per change, its notes encrypted under the subject's key, the requester's address and
 * words decrypted for use, and the texts (kind name, dates, status link) the person's mails need.
 */
@Component
class CaseFile {

    static final String EMAIL_CATEGORY = "request-email";
    static final String DETAILS_CATEGORY = "request-details";
    static final String NOTE_CATEGORY = "request-note";
    /** Dates in the person's mails, in Norway's time zone. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d.M.yyyy").withZone(VernClock.ZONE);

    private final ApplicationEventPublisher events;
    private final Cases cases;
    private final SubjectCipher cipher;
    private final AuditLog audit;
    private final Mailer mailer;
    private final Clock clock;
    private final String baseUrl;

    CaseFile(Cases cases, SubjectCipher cipher, AuditLog audit, Mailer mailer, ApplicationEventPublisher events,
            Clock clock, @Value("${vern.base-url}") String baseUrl) {
        this.events = events;
        this.cases = cases;
        this.cipher = cipher;
        this.audit = audit;
        this.mailer = mailer;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** The case, locked for a change; NotFound, or {@link RequestClosed} once it is closed. */
    RequestCase open(RequestId id) {
        RequestCase c = cases.lock(id).orElseThrow(() -> new NotFound("Request", id));
        if (c.closed()) {
            throw new RequestClosed(id);
        }
        return c;
    }

    /**
     * The open case, locked, for an action that must come before the request is carried out (refusal, asking the
     * person): refused once the effect is done and only the recipients are still to be told (GDPR Art. 19), since
     * the answer must then say what was done.
     */
    RequestCase notYetCarriedOut(RequestId id) {
        RequestCase c = open(id);
        if (c.status() == RequestStatus.INFORMING_RECIPIENTS) {
            throw new InvalidInput("status", "the request has been carried out; only its recipients are still to be told", "requests.error.onlyRecipientsLeft");
        }
        return c;
    }

    /** Records a change in the case history and the audit log. */
    void changed(RequestCase c, String action, @Nullable String detail, String auditAction, String... args) {
        cases.event(c.id(), clock.instant(), RequestService.actor().reference(), action, detail, List.of(args));
        audit.record(AuditEvent.by(RequestService.actor(), auditAction, Outcome.SUCCESS)
                .withPurpose(RequestService.PURPOSE).withTargets(c.id().reference(), c.subject().reference()));
    }

    /** Records that the case is completed and tells other modules (and subscribers) in the same transaction. */
    void completed(RequestCase c) {
        changed(c, "completed", null, "requests.case.complete");
        events.publishEvent(new RequestCompleted(c.id().value(), c.kind()));
    }

    /** Adds an internal note, encrypted under the subject's key; returns its id. */
    UUID note(RequestCase c, String text, Instant now) {
        UUID noteId = UUID.randomUUID();
        cases.note(noteId, c.id(), RequestService.actor().reference(),
                cipher.encryptText(c.subject(), NOTE_CATEGORY, noteId, text), now);
        return noteId;
    }

    /** The case's email address, decrypted for sending (the caller audits the use). */
    String email(RequestCase c) {
        return email(c, cases.emailCiphertext(c.id()));
    }

    /** The case's email address from its ciphertext as read ({@link Cases#addressAndSubjects}). */
    String email(RequestCase c, byte @Nullable [] ct) {
        if (ct == null) {
            throw new SubjectKeyDestroyed(c.subject());
        }
        return cipher.decryptText(c.subject(), EMAIL_CATEGORY, c.id().value(), ct);
    }

    /** The person's own words, decrypted, or empty. */
    String details(RequestCase c) {
        byte[] ct = cases.detailsCiphertext(c.id());
        return ct == null ? "" : decryptOr(c.subject(), DETAILS_CATEGORY, c.id().value(), ct);
    }

    /** A stored text decrypted, or "[erased]" once it was deleted or its key destroyed. */
    String decryptOr(SubjectId subject, String category, UUID recordId, byte @Nullable [] ct) {
        if (ct == null) {
            return "[erased]"; // deleted after the case's retention period
        }
        try {
            return cipher.decryptText(subject, category, recordId, ct);
        } catch (SubjectKeyDestroyed e) {
            return "[erased]";
        }
    }

    /** The public status page of a case in the person's language. */
    String statusUrl(RequestCase c) {
        return baseUrl + ("en".equals(c.language()) ? "/privacy/rights/case/" : "/personvern/rettigheter/sak/") + c.id();
    }

    /** The localised name of a kind for messages. */
    String kindText(RequestKind kind, String language) {
        return mailer.text("requests.kind." + kind.name(), Locale.forLanguageTag(language));
    }

    /** A required text, stripped, at most {@code max} characters. */
    /** Fewest letters that can say why: reasons of punctuation or a word or two are not reasons. */
    static final int MIN_REASON_LETTERS = 10;

    /** Reasons a person is given (Art. 12(4)): required, and in words, not punctuation or a token. */
    static String substantive(String field, @Nullable String value, int max) {
        String v = required(field, value, max);
        if (v.codePoints().filter(Character::isLetter).count() < MIN_REASON_LETTERS) {
            throw new InvalidInput(field, "must give the reasons in words (at least " + MIN_REASON_LETTERS + " letters)",
                    "requests.error.reasonLetters", String.valueOf(MIN_REASON_LETTERS));
        }
        return v;
    }

    static String required(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, "is required", "error.field.required");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidInput(field, "must be at most " + max + " characters", "error.field.tooLong", String.valueOf(max));
        }
        return v;
    }
}
