package no.vern.requests;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Data-subject request cases (GDPR Arts. 12, 15–21): receiving with the legal deadline, the workflow
 * actions of the handlers, notes and history. Every change is audited and kept in the case history;
 * messages to the person are sent in their language.
 */
public interface Requests {

    /**
     * Registers a request with its receipt time; due one month later (Art. 12(3)). A request of the same
     * person and kind while one is open is linked to the open case and returns it ({@link Received#duplicate()}).
     */
    Received receive(NewRequest request);

    /** The outcome of {@link #receive}: the case, and whether it was an existing open case. */
    record Received(RequestCase request, boolean duplicate) {
    }

    /** One case; NotFound otherwise. */
    RequestCase get(RequestId id);

    /** Cases by status (null: every open case) and due before an instant (null: any), soonest due first. */
    List<RequestCase> list(@Nullable RequestStatus status, @Nullable Instant dueBefore);

    /** The requester's address and text, decrypted for the handler (audited). */
    CaseContact contact(RequestId id);

    /** Assigns a handler (username). */
    RequestCase assign(RequestId id, String handler);

    /** Records that a handler verified the person's identity by other means (Art. 12(6)). */
    RequestCase verify(RequestId id, String how);

    /**
     * Extends the deadline by one or two months with reasons sent to the person; refused after the first
     * month or without reasons (Art. 12(3)).
     */
    RequestCase extend(RequestId id, int months, String reasons);

    /**
     * Asks the person for what the case needs (identity, Art. 12(6); or the scope, recital 63) with the
     * handler's question, mailed in their language; the case waits for the person until {@link #personAnswered}.
     */
    RequestCase askPerson(RequestId id, @Nullable Clarification what, String question);

    /** The person answered: the case goes on; after an identity question the period runs from the answer. */
    RequestCase personAnswered(RequestId id);

    /** What the case waits for from the person, if it does. */
    java.util.Optional<Waiting> waiting(RequestId id);

    /**
     * Refuses the request on a legal ground that answers its kind, with reasons in words (punctuation alone is
     * refused); the answer names the ground and tells the person of the right to complain to Datatilsynet and to
     * seek a judicial remedy (Art. 12(4)).
     */
    RequestCase refuse(RequestId id, @Nullable RefusalGround ground, String reasons);

    /**
     * Completes the case; refused while a connected system's step is not settled (waive it with a reason
     * first). The person is told the outcome in their language. An erasure, rectification or restriction is carried
     * out at once; when recipients of the affected purposes are to be told (GDPR Art. 19) or the connected systems'
     * steps run, the case waits as {@link RequestStatus#INFORMING_RECIPIENTS} and the answer is sent once each has
     * settled; completing such a case again before then is refused ({@link RecipientsOutstanding}).
     */
    RequestCase complete(RequestId id, @Nullable String answer);

    /**
     * Accepts a rectification (GDPR Art. 16): the corrected values replace the held ones for the purpose
     * (the register keeps the change history), the case is completed and the person told which categories
     * changed. A rejection is a {@link #refuse} with reasons.
     */
    RequestCase rectify(RequestId id, String purposeKey, no.vern.register.PersonalData corrections);

    /** Adds an internal note (stored encrypted: it may hold personal data). */
    CaseNote addNote(RequestId id, String text);

    /** The internal notes, decrypted (audited). */
    List<CaseNote> notes(RequestId id);

    /** The complete history, oldest first. */
    List<CaseEvent> history(RequestId id);

    /** The connected systems' steps of the case (empty without connectors). */
    List<SystemStep> steps(RequestId id);

    /** The case's Art. 19 tasks: the recipients to be told of its erasure, rectification or restriction. */
    List<RecipientNotice> recipientNotices(RequestId id);

    /**
     * Settles one recipient's task: told, or not told because it proved impossible or would involve disproportionate
     * effort (GDPR Art. 19), with the reasons in words; the last settled task sends the held answer.
     */
    RecipientNotice settleRecipientNotice(RequestId id, java.util.UUID noticeId, @Nullable NoticeState outcome,
            @Nullable String reason);

    /** Waives a step with a reason so that the case may complete. */
    SystemStep waive(RequestId id, java.util.UUID stepId, String reason);

    /** The erasure certificates issued for a case. */
    List<ErasureCertificate> certificates(RequestId id);

    /** Whether a certificate body carries Vern's signature, and whether it was issued (its hash is on record). */
    boolean verifyCertificate(String body, String signature);

    /** The public key that signs erasure certificates, with its fingerprint (published, in every certificate mail). */
    CertificateKey certificateKey();

    /**
     * Checks a certificate's text as mailed (armour, signed JSON, signature): valid only when the signature is
     * Vern's over exactly that text and a certificate with its hash was issued.
     */
    CertificateCheck checkCertificate(String text);

    /** Retries a failed step. */
    SystemStep retry(RequestId id, java.util.UUID stepId);

    /**
     * Decides an objection case (GDPR Art. 21) and completes it: direct marketing stops for every subject of the
     * person (communications objection, absolute); an Art. 21(1) objection is upheld (the purpose's records are
     * erased, Art. 17(1)(c)) or rejected with the compelling grounds the person is told. Only for OBJECTION cases.
     */
    RequestCase decideObjection(RequestId id, ObjectionDecision decision);

    /**
     * Withdraws the named consents (GDPR Art. 7(3)) of every subject of the person through the consent ledger
     * (whose withdrawal effects erase what was held on them) and completes the case, telling the person which
     * consents were withdrawn and which were not in force. Only for WITHDRAW_CONSENT cases.
     */
    RequestCase withdrawConsents(RequestId id, java.util.Set<String> purposeKeys);
}
