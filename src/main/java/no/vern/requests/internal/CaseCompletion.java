package no.vern.requests.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import no.vern.processing.ProcessingRecord;
import no.vern.register.PersonalData;
import no.vern.register.Restrictions;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectUpdate;
import no.vern.requests.NoticeState;
import no.vern.requests.RecipientNotice;
import no.vern.requests.RecipientsOutstanding;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestId;
import no.vern.requests.RequestKind;
import no.vern.requests.RequestStatus;
import no.vern.requests.StepsOutstanding;
import no.vern.shared.Actors;
import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;

/**
 * Completing a case, with the effect its kind asks for: erasure ({@link CaseErasure}), restriction
 * (GDPR Art. 18), rectification (Art. 16) or an access export delivered behind the same verification
 * (S24); then the person is told what happened. Refused while a connected system's step is unsettled. After an
 * erasure, rectification or restriction the recipients of the affected purposes are to be told (GDPR Art. 19): the
 * answer is then held ({@link HeldAnswers}) and the case waits as {@code INFORMING_RECIPIENTS} until each
 * recipient's task ({@link RecipientNotices}) and each system step has settled.
 */
@Component
class CaseCompletion {

    private final CaseFile file;
    private final Cases cases;
    private final Codes codes;
    private final CaseErasure erasure;
    private final RecipientNotices notices;
    private final HeldAnswers answers;
    private final ErasureCertification certification;
    private final no.vern.register.RetentionView held;
    private final SystemFanOut systems;
    private final SubjectRegister register;
    private final Restrictions restrictions;
    private final ProcessingRecord record;
    private final Mailer mailer;
    private final RequestsProperties properties;
    private final Clock clock;
    private final PersonRecords people;

    CaseCompletion(PersonRecords people, CaseFile file, Cases cases, Codes codes, CaseErasure erasure,
            RecipientNotices notices, HeldAnswers answers, ErasureCertification certification,
            no.vern.register.RetentionView held, SystemFanOut systems, SubjectRegister register, Restrictions restrictions, ProcessingRecord record,
            Mailer mailer, RequestsProperties properties, Clock clock) {
        this.people = people;
        this.file = file;
        this.cases = cases;
        this.codes = codes;
        this.erasure = erasure;
        this.notices = notices;
        this.answers = answers;
        this.certification = certification;
        this.held = held;
        this.systems = systems;
        this.register = register;
        this.restrictions = restrictions;
        this.record = record;
        this.mailer = mailer;
        this.properties = properties;
        this.clock = clock;
    }

    void complete(RequestId id, @Nullable String answer) {
        RequestCase c = file.open(id);
        if (c.status() == RequestStatus.INFORMING_RECIPIENTS) {
            // The effect is carried out; the answer waits for the recipients' tasks and the systems' steps (Art. 19).
            if (!answers.finishIfSettled(id)) {
                throw new RecipientsOutstanding(id, notices.openCount(id), answers.openSteps(id));
            }
            return;
        }
        if (c.kind() == RequestKind.OBJECTION || c.kind() == RequestKind.WITHDRAW_CONSENT) {
            // Issue 20, item 6: these requests complete only with their effect, never with none.
            throw c.kind() == RequestKind.OBJECTION
                    ? new InvalidInput("kind", "an objection is completed with its decision (the objection action)",
                            "requests.error.completeObjection")
                    : new InvalidInput("kind", "a consent withdrawal is completed by withdrawing the named consents",
                            "requests.error.completeWithdrawal");
        }
        completeWith(c, answer, null);
    }

    /** Completes a case whose effect its caller has already carried out (objection, consent withdrawal). */
    void completeWithEffect(RequestId id, String text) {
        completeWith(file.open(id), text, null);
    }

    /**
     * Carries out the case's effect and answers: at once when nobody is to be told of it, else the answer is held
     * until each recipient's task and each system step has settled (GDPR Art. 19) and then says what was done.
     */
    private void completeWith(RequestCase c, @Nullable String answer, @Nullable Rectified rectified) {
        RequestId id = c.id();
        if (answer != null && answer.length() > 8000) {
            throw new InvalidInput("answer", "must be at most 8000 characters", "error.field.tooLong", "8000");
        }
        long unsettled = systems.steps(id).stream().filter(s -> !s.state().settled()).count();
        if (unsettled > 0) {
            throw new StepsOutstanding(id, (int) unsettled);
        }
        if (c.status() == RequestStatus.INFORMING_RECIPIENTS) {
            throw new InvalidInput("status", "the request has been carried out; its answer waits for the recipients to be told", "requests.error.answerWaitsForRecipients");
        }
        Instant now = clock.instant();
        String text = answer == null || answer.isBlank() ? "" : answer.strip();
        // Read the address first: an erasure shreds the key it is encrypted under.
        String email = file.email(c);
        Locale locale = Locale.forLanguageTag(c.language());
        CaseErasure.Effect effect = new CaseErasure.Effect();
        String outcome = switch (c.kind()) {
            case ERASURE -> eachSubject(c, email, locale, s -> erasure.erase(s, locale, email, effect));
            case RESTRICTION -> eachSubject(c, email, locale, s -> restrict(s, locale, effect));
            case RECTIFICATION -> {
                if (rectified != null) {
                    effect.purposes.add(rectified.purposeKey());
                    yield rectified.text();
                }
                yield "";
            }
            default -> "";
        };
        if (!text.isEmpty()) {
            file.note(c, "Answer: " + text, now);
        }
        String kind = file.kindText(c.kind(), c.language());
        if (c.kind() == RequestKind.ACCESS || c.kind() == RequestKind.PORTABILITY) {
            cases.status(id, RequestStatus.COMPLETED, now);
            file.completed(c);
            // Delivered behind the same verification, for a few days; never as an attachment (S24).
            Instant expires = now.plus(Duration.ofDays(properties.downloadDays()));
            codes.deliver(id, now, expires);
            mailer.send(id, email, locale, "access-ready", kind, file.statusUrl(c), CaseFile.DATE.format(expires),
                    outcome.isEmpty() ? text : outcome + (text.isEmpty() ? "" : "\n\n" + text));
            return;
        }
        notices.open(c, effect.purposes);
        boolean certificatePending = c.kind() == RequestKind.ERASURE && certification.waiting(id);
        String certificate = effect.certificates.isEmpty() || certificatePending ? null
                : String.join("\n\n", effect.certificates);
        HeldAnswers.Outcome result = new HeldAnswers.Outcome(outcome, text.isEmpty() ? null : text, certificate,
                certificatePending);
        if (answers.settled(id)) {
            answers.send(c, email, result);
        } else {
            answers.hold(c, email, result);
        }
    }

    /**
     * Settles one recipient's Art. 19 task (told, or not told with the reason) and, when it was the last thing open,
     * sends the held answer and completes the case.
     */
    RecipientNotice settleNotice(RequestId id, java.util.UUID noticeId, @Nullable NoticeState outcome,
            @Nullable String reason) {
        RequestCase c = file.open(id);
        RecipientNotice notice = notices.settle(c, noticeId, outcome, reason);
        file.changed(c, "recipient-" + notice.state().name().toLowerCase(Locale.ROOT), notice.nameEn(),
                "requests.recipient.settle", notice.nameNb(), notice.nameEn());
        answers.finishIfSettled(id);
        return notice;
    }

    void rectify(RequestId id, String purposeKey, PersonalData corrections) {
        RequestCase c = file.open(id);
        if (c.kind() != RequestKind.RECTIFICATION) {
            throw new InvalidInput("kind", "only a rectification request can correct data", "requests.error.onlyRectification");
        }
        if (!c.inRegister() || register.isErased(c.subject())) {
            throw new InvalidInput("subject", "the person is not in the register; refuse the request with reasons instead", "requests.error.notInRegister");
        }
        record.requirePurpose(purposeKey);
        if (corrections.givenCategories().isEmpty()) {
            throw new InvalidInput("corrections", "give at least one corrected value", "requests.error.corrections");
        }
        // GDPR Art. 16: the corrected values replace the old ones; the register keeps who changed which
        // category when (never the values), and the case history names the categories.
        Actors.runAs(RequestService.actor(), () -> {
            long version = register.summary(c.subject()).version();
            return register.update(c.subject(), version,
                    new SubjectUpdate(purposeKey, Source.SUBJECT, null, null, corrections));
        });
        String categories = String.join(", ", corrections.givenCategories().keySet());
        cases.event(c.id(), clock.instant(), RequestService.actor().reference(), "rectified", categories,
                List.of("category:" + String.join(",", corrections.givenCategories().keySet())));
        Locale locale = Locale.forLanguageTag(c.language());
        completeWith(c, null, new Rectified(purposeKey, mailer.text("requests.rectification.done", locale, categories)));
    }

    /** What a rectification did, for its answer and the Art. 19 tasks of its purpose. */
    private record Rectified(String purposeKey, String text) {
    }

    /**
     * One person, all records (issue 20, item 5): the effect runs for every subject held under the verified
     * address, each answered in its own paragraph named by the subject's kinds when there is more than one.
     */
    private String eachSubject(RequestCase c, String email, Locale locale, Function<RequestCase, String> effect) {
        List<SubjectId> subjects = people.of(c, email);
        if (subjects.size() <= 1) {
            return effect.apply(subjects.isEmpty() ? c : PersonRecords.as(c, subjects.get(0)));
        }
        cases.event(c.id(), clock.instant(), RequestService.actor().reference(), "acting-on-subjects",
                subjects.size() + " subject(s)", List.of(String.valueOf(subjects.size())));
        StringBuilder text = new StringBuilder(mailer.text("requests.person.several", locale, subjects.size()));
        for (SubjectId s : subjects) {
            String kinds = Actors.runAs(RequestService.actor(), () -> register.summary(s)).kinds().stream()
                    .map(k -> mailer.text("processing.subject." + k.name(), locale)).sorted()
                    .collect(Collectors.joining(", "));
            text.append("\n\n").append(mailer.text("requests.person.part", locale, kinds)).append("\n")
                    .append(effect.apply(PersonRecords.as(c, s)));
        }
        return text.toString();
    }

    /** GDPR Art. 18: restricts the subject's processing (storage only). */
    private String restrict(RequestCase c, Locale locale, CaseErasure.Effect effect) {
        if (!c.inRegister() || register.isErased(c.subject())) {
            return mailer.text("requests.erasure.nothingHeld", locale);
        }
        held.heldBy(c.subject()).forEach(r -> effect.purposes.addAll(r.purposes()));
        restrictions.restrict(c.subject(), "Restriction request " + c.id() + " (GDPR Art. 18)", null);
        cases.event(c.id(), clock.instant(), RequestService.actor().reference(), "restricted", null, List.of());
        return mailer.text("requests.restriction.done", locale);
    }
}
