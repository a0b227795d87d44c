package no.vern.requests.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.register.PersonalData;
import no.vern.requests.CaseContact;
import no.vern.requests.CertificateCheck;
import no.vern.requests.CertificateKey;
import no.vern.requests.CaseEvent;
import no.vern.requests.CaseNote;
import no.vern.requests.ErasureCertificate;
import no.vern.requests.NewRequest;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestId;
import no.vern.requests.RequestStatus;
import no.vern.requests.Requests;
import no.vern.requests.SystemStep;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.NotFound;

/**
 * The case workflow as {@link Requests}, one transaction per call: receipt ({@link CaseIntake}), a
 * handler's work on the open case ({@link CaseHandling}), completion with the effect of the request's
 * kind ({@link CaseCompletion}), the connected systems' steps ({@link SystemFanOut}) and certificates.
 * The requester's email address and notes are kept only encrypted under the subject's key (the register
 * subject's, or a key of an id allocated for the case when the person is not in the register).
 */
@Service
class RequestService implements Requests {

    /** The purpose under which the case handles the requester's contact data (GDPR Art. 6(1)(c) with Art. 12). */
    static final String PURPOSE = "data-subject-requests";

    private final Cases cases;
    private final CaseIntake intake;
    private final CaseHandling handling;
    private final CaseCompletion completion;
    private final SystemFanOut systems;
    private final Certificates certificates;
    private final ErasureCertification certification;
    private final CaseObjection objections;
    private final CaseClarification clarification;
    private final RecipientNotices notices;
    private final HeldAnswers answers;

    RequestService(CaseObjection objections, Cases cases, CaseIntake intake, CaseHandling handling,
            CaseCompletion completion, SystemFanOut systems, Certificates certificates,
            ErasureCertification certification, CaseClarification clarification, RecipientNotices notices,
            HeldAnswers answers) {
        this.notices = notices;
        this.answers = answers;
        this.certification = certification;
        this.clarification = clarification;
        this.objections = objections;
        this.cases = cases;
        this.intake = intake;
        this.handling = handling;
        this.completion = completion;
        this.systems = systems;
        this.certificates = certificates;
    }

    @Override
    @Transactional
    public Received receive(NewRequest request) {
        return intake.receive(request);
    }

    @Override
    @Transactional(readOnly = true)
    public RequestCase get(RequestId id) {
        return cases.find(id).orElseThrow(() -> new NotFound("Request", id));
    }

    @Override
    @Transactional(readOnly = true)
    public List<RequestCase> list(@Nullable RequestStatus status, @Nullable Instant dueBefore) {
        return cases.list(status, dueBefore);
    }

    @Override
    @Transactional
    public CaseContact contact(RequestId id) {
        return handling.contact(get(id));
    }

    @Override
    @Transactional
    public RequestCase assign(RequestId id, String handler) {
        handling.assign(id, handler);
        return get(id);
    }

    @Override
    @Transactional
    public RequestCase verify(RequestId id, String how) {
        handling.verify(id, how);
        return get(id);
    }

    /** The person's identity is verified by code: the work starts, with the systems' steps. */
    RequestCase verified(RequestCase c, String how) {
        handling.verified(c, how);
        return get(c.id());
    }

    @Override
    @Transactional
    public RequestCase extend(RequestId id, int months, String reasons) {
        handling.extend(id, months, reasons);
        return get(id);
    }

    @Override
    @Transactional
    public RequestCase askPerson(RequestId id, no.vern.requests.@Nullable Clarification what, String question) {
        clarification.ask(id, what, question);
        return get(id);
    }

    @Override
    @Transactional
    public RequestCase personAnswered(RequestId id) {
        clarification.answered(id);
        return get(id);
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<no.vern.requests.Waiting> waiting(RequestId id) {
        return clarification.waiting(id);
    }

    @Override
    @Transactional
    public RequestCase refuse(RequestId id, no.vern.requests.@Nullable RefusalGround ground, String reasons) {
        handling.refuse(id, ground, reasons);
        return get(id);
    }

    @Override
    @Transactional
    public RequestCase complete(RequestId id, @Nullable String answer) {
        completion.complete(id, answer);
        return get(id);
    }

    @Override
    @Transactional
    public RequestCase rectify(RequestId id, String purposeKey, PersonalData corrections) {
        completion.rectify(id, purposeKey, corrections);
        return get(id);
    }

    @Override
    @Transactional
    public CaseNote addNote(RequestId id, String text) {
        return handling.addNote(get(id), text);
    }

    @Override
    @Transactional
    public List<CaseNote> notes(RequestId id) {
        return handling.notes(get(id));
    }

    @Override
    @Transactional(readOnly = true)
    public List<CaseEvent> history(RequestId id) {
        get(id);
        return cases.history(id);
    }

    @Override
    public List<SystemStep> steps(RequestId id) {
        return systems.steps(id);
    }

    @Override
    @Transactional
    public SystemStep waive(RequestId id, UUID stepId, String reason) {
        SystemStep step = systems.waive(id, stepId, reason, certification.waiting(id) || answers.holding(id));
        certification.issueAndMail(id);
        answers.finishIfSettled(id);
        return step;
    }

    @Override
    @Transactional(readOnly = true)
    public List<no.vern.requests.RecipientNotice> recipientNotices(RequestId id) {
        get(id);
        return notices.of(id);
    }

    @Override
    @Transactional
    public no.vern.requests.RecipientNotice settleRecipientNotice(RequestId id, UUID noticeId,
            no.vern.requests.@Nullable NoticeState outcome, @Nullable String reason) {
        return completion.settleNotice(id, noticeId, outcome, reason);
    }

    @Override
    @Transactional
    public SystemStep retry(RequestId id, UUID stepId) {
        return systems.retry(id, stepId, certification.waiting(id));
    }

    @Override
    @Transactional(readOnly = true)
    public List<ErasureCertificate> certificates(RequestId id) {
        get(id);
        return certificates.of(id).stream()
                .map(s -> new ErasureCertificate(s.id(), s.body(), s.signature(), s.sha256())).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean verifyCertificate(String body, String signature) {
        if (body == null || signature == null || !certificates.verify(body, signature)) {
            return false;
        }
        return certificates.recorded(Certificates.sha256(body));
    }

    @Override
    public CertificateKey certificateKey() {
        return new CertificateKey(certificates.publicKeyPem(), certificates.fingerprint());
    }

    @Override
    @Transactional(readOnly = true)
    public CertificateCheck checkCertificate(String text) {
        if (text == null || text.length() > 100_000) {
            return CertificateCheck.of(CertificateCheck.Result.MALFORMED);
        }
        return Certificates.parse(text).map(parsed -> {
            if (!certificates.verify(parsed.body(), parsed.signature())) {
                return CertificateCheck.of(CertificateCheck.Result.BAD_SIGNATURE);
            }
            return certificates.findBySha256(parsed.sha256())
                    .map(s -> new CertificateCheck(CertificateCheck.Result.VALID, s.id(), s.issuedAt(),
                            no.vern.requests.CertifiedStep.of(parsed.body())))
                    .orElse(CertificateCheck.of(CertificateCheck.Result.NOT_ISSUED));
        }).orElse(CertificateCheck.of(CertificateCheck.Result.MALFORMED));
    }

    @Override
    @Transactional
    public RequestCase decideObjection(RequestId id, no.vern.requests.ObjectionDecision decision) {
        objections.decide(id, decision);
        return get(id);
    }

    @Override
    @Transactional
    public RequestCase withdrawConsents(RequestId id, java.util.Set<String> purposeKeys) {
        objections.withdraw(id, purposeKeys);
        return get(id);
    }

    /** Who acts on a case: the signed-in staff member or token, else the requester on the public pages. */
    static Actor actor() {
        Actor a = Actors.current();
        return a.kind() == Actor.Kind.ANONYMOUS ? new Actor(Actor.Kind.SUBJECT, "requester") : a;
    }
}
