package no.vern.register.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.processing.LegalBasis;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.SubjectKind;
import no.vern.register.ConsentGate;
import no.vern.register.ConsentRequired;
import no.vern.register.PurposeNotPermitted;
import no.vern.register.ReadClearance;
import no.vern.register.ReadNotCleared;
import no.vern.register.SubjectGone;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;

/**
 * The checks every register call passes before it touches data: who acts, which kinds the caller
 * may see and store (S20), the consent gate for consent-based kinds and purposes (S4, S5) and the
 * training-based read clearance (S15). Refusals of consent and clearance are audited.
 */
@Component
class SubjectAccess {

    static final Set<SubjectKind> CONSENT_KINDS = EnumSet.of(SubjectKind.PROSPECT, SubjectKind.CANDIDATE,
            SubjectKind.EVENT_PARTICIPANT);

    private final Subjects subjects;
    private final ProcessingRecord processing;
    private final AuditLog audit;
    private final ObjectProvider<ConsentGate> consentGate;
    private final ObjectProvider<ReadClearance> readClearance;
    private final TransactionTemplate tx;

    SubjectAccess(Subjects subjects, ProcessingRecord processing, AuditLog audit,
            ObjectProvider<ConsentGate> consentGate, ObjectProvider<ReadClearance> readClearance,
            TransactionTemplate tx) {
        this.subjects = subjects;
        this.processing = processing;
        this.audit = audit;
        this.consentGate = consentGate;
        this.readClearance = readClearance;
        this.tx = tx;
    }

    /** The acting caller; an internal caller without one is the register itself. */
    Actor actor() {
        return Actors.currentOr(Actor.system("register"));
    }

    /** The subject's row if the caller may see its kinds; NotFound otherwise, {@link SubjectGone} once erased. */
    Subjects.Row visibleRow(SubjectId id, Set<SubjectKind> visible) {
        return visible(id, subjects.find(id, false).orElseThrow(() -> new NotFound("Subject", id)), visible);
    }

    /** As {@link #visibleRow}, and in the same statement whether the subject is restricted (GDPR Art. 18). */
    boolean visibleAndRestricted(SubjectId id, Set<SubjectKind> visible) {
        Subjects.RowAndRestriction found = subjects.findWithRestriction(id)
                .orElseThrow(() -> new NotFound("Subject", id));
        visible(id, found.row(), visible);
        return found.restricted();
    }

    private static Subjects.Row visible(SubjectId id, Subjects.Row row, Set<SubjectKind> visible) {
        if (!Visibility.sees(visible, row.kinds())) {
            throw new NotFound("Subject", id); // do not reveal that it exists
        }
        if (row.erased()) {
            throw new SubjectGone(id);
        }
        return row;
    }

    /** The subject's row, erased or not, if the caller may see its kinds; NotFound otherwise. */
    Subjects.Row visibleRowEvenErased(SubjectId id) {
        Subjects.Row row = subjects.find(id, false).orElseThrow(() -> new NotFound("Subject", id));
        if (!Visibility.sees(Visibility.current(), row.kinds())) {
            throw new NotFound("Subject", id);
        }
        return row;
    }

    /** At least one kind, and only kinds the caller may store. */
    static void requireKinds(Set<SubjectKind> kinds, Set<SubjectKind> visible) {
        if (kinds.isEmpty()) {
            throw new InvalidInput("kinds", "at least one kind is required", "register.error.noKind");
        }
        if (!visible.containsAll(kinds)) {
            throw new AccessDeniedException("The caller may not store subjects of these kinds");
        }
    }

    /**
     * The categories the caller may see and write for the purpose (role × purpose × category matrix in
     * {@link Visibility}); refuses, audited as DENIED, when the purpose is not the caller's role's. Call after
     * the purpose is known to exist, so only a key of the record of processing is named.
     */
    Set<String> requirePurpose(SubjectId id, String purposeKey, String action) {
        Set<String> allowed = Visibility.categoriesFor(purposeKey);
        if (allowed.isEmpty()) {
            tx.executeWithoutResult(status -> audit.record(AuditEvent.by(actor(), action, Outcome.DENIED)
                    .withPurpose(purposeKey).withTargets(id.reference())));
            throw new PurposeNotPermitted(purposeKey, "this purpose");
        }
        return allowed;
    }

    /** Refuses (audited as DENIED, naming the refused categories) a write of categories the caller may not write. */
    void requireCategories(SubjectId id, String purposeKey, Collection<String> categories, String action) {
        Set<String> allowed = requirePurpose(id, purposeKey, action);
        List<String> refused = categories.stream().filter(c -> !allowed.contains(c)).distinct().sorted().toList();
        if (!refused.isEmpty()) {
            List<String> targets = new ArrayList<>();
            targets.add(id.reference());
            refused.forEach(c -> targets.add("category:" + c));
            tx.executeWithoutResult(status -> audit.record(AuditEvent.by(actor(), action, Outcome.DENIED)
                    .withPurpose(purposeKey).withTargets(targets.toArray(String[]::new))));
            throw new PurposeNotPermitted(purposeKey, "the categories " + String.join(", ", refused));
        }
    }

    /**
     * Refuses (audited as DENIED, naming the subject and the refused purposes and categories) work on the whole
     * of a subject's data, such as a merge, unless the caller may see and write every record it holds: each
     * record must be open to the caller under at least one of its purposes (role × purpose × category matrix
     * in {@link Visibility}). A merge reads, re-encrypts and joins every record, so it is processing for every
     * purpose the records are held for.
     */
    void requireEveryRecord(SubjectId id, String action) {
        List<String> refused = new ArrayList<>();
        String firstPurpose = null;
        for (Subjects.StoredRecord r : subjects.records(id)) {
            boolean open = r.purposes().stream().anyMatch(p -> Visibility.categoriesFor(p).contains(r.category()));
            if (!open) {
                if (firstPurpose == null && !r.purposes().isEmpty()) {
                    firstPurpose = r.purposes().get(0);
                }
                r.purposes().forEach(p -> {
                    if (!refused.contains("purpose:" + p)) {
                        refused.add("purpose:" + p);
                    }
                });
                if (!refused.contains("category:" + r.category())) {
                    refused.add("category:" + r.category());
                }
            }
        }
        if (!refused.isEmpty()) {
            List<String> targets = new ArrayList<>();
            targets.add(id.reference());
            targets.addAll(refused);
            tx.executeWithoutResult(status -> audit.record(AuditEvent.by(actor(), action, Outcome.DENIED)
                    .withTargets(targets.toArray(String[]::new))));
            throw new PurposeNotPermitted(firstPurpose == null ? "" : firstPurpose, "all of this subject's data");
        }
    }

    /** S15: staff whose required privacy training has lapsed may be refused reads (training module's setting). */
    void requireClearance(SubjectId id, String purposeKey, String action) {
        ReadClearance clearance = readClearance.getIfAvailable();
        if (clearance != null && !clearance.mayReadPersonalData(actor())) {
            audit.record(AuditEvent.by(actor(), action, Outcome.DENIED).withPurpose(purposeKey)
                    .withTargets(id.reference()));
            throw new ReadNotCleared();
        }
    }

    /** Whether data of these kinds may be stored for the purpose (consent exists where it must). */
    boolean consentPermits(SubjectId id, Set<SubjectKind> kinds, String purpose) {
        return consentPermits(id, kinds, purpose, processing.legalBasisOf(purpose));
    }

    private boolean consentPermits(SubjectId id, Set<SubjectKind> kinds, String purpose, LegalBasis basis) {
        boolean consentKind = kinds.stream().anyMatch(CONSENT_KINDS::contains);
        if (basis != LegalBasis.CONSENT && !consentKind) {
            return true;
        }
        ConsentGate gate = consentGate.getIfAvailable();
        // No consent module: no consent exists, so nothing consent-based may be stored (S4, S5).
        return basis == LegalBasis.CONSENT && gate != null && gate.permits(id, purpose);
    }

    /** Refuses (audited) with {@link ConsentRequired} unless {@link #consentPermits} holds. */
    void requireConsent(SubjectId id, Set<SubjectKind> kinds, String purpose, LegalBasis basis, String action) {
        if (!consentPermits(id, kinds, purpose, basis)) {
            tx.executeWithoutResult(status -> audit.record(AuditEvent.by(actor(), action, Outcome.DENIED)
                    .withPurpose(purpose).withTargets(id.reference())));
            throw new ConsentRequired(id, purpose);
        }
    }
}
