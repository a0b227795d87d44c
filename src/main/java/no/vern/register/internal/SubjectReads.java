package no.vern.register.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.crypto.BlindIndex;
import no.vern.crypto.SubjectCipher;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.SubjectKind;
import no.vern.register.Categories;
import no.vern.register.ChangeEntry;
import no.vern.register.ConsentGate;
import no.vern.register.GatedSubject;
import no.vern.register.RecordView;
import no.vern.register.SubjectPage;
import no.vern.register.SubjectRecords;
import no.vern.register.SubjectRestricted;
import no.vern.register.SubjectSummary;
import no.vern.shared.EmailAddresses;
import no.vern.shared.Paging;
import no.vern.shared.PhoneNumbers;
import no.vern.shared.Rejected;
import no.vern.shared.SubjectId;

/**
 * The register's read paths: purpose-bound reads of records and attachments (S10), refused for a
 * restricted subject (GDPR Art. 18) and audited; summaries, pages and history without personal
 * data; lookups by email, phone (blind index) or organisation number, limited to the kinds the
 * caller may see (S20).
 */
@Component
class SubjectReads {

    private final Subjects subjects;
    private final Organisations organisations;
    private final RestrictionService restrictions;
    private final SubjectCipher cipher;
    private final BlindIndex blindIndex;
    private final ProcessingRecord processing;
    private final AuditLog audit;
    private final SubjectAccess access;
    private final TransactionTemplate tx;
    private final ObjectProvider<ConsentGate> consentGate;
    private final Clock clock;
    /**
     * The consent gate and its rule's SQL, resolved on the first check that finds a gate and kept: asking the bean
     * factory by type on every check was a seventh of the check's handler samples (issue 28 item 2, branch h50).
     */
    private volatile @Nullable ResolvedGate resolvedGate;

    private record ResolvedGate(ConsentGate gate, @Nullable String inForceSql) {
    }

    SubjectReads(Subjects subjects, Organisations organisations, RestrictionService restrictions, SubjectCipher cipher,
            BlindIndex blindIndex, ProcessingRecord processing, AuditLog audit, SubjectAccess access,
            TransactionTemplate tx, ObjectProvider<ConsentGate> consentGate, Clock clock) {
        this.subjects = subjects;
        this.organisations = organisations;
        this.restrictions = restrictions;
        this.cipher = cipher;
        this.blindIndex = blindIndex;
        this.processing = processing;
        this.audit = audit;
        this.access = access;
        this.tx = tx;
        this.consentGate = consentGate;
        this.clock = clock;
    }

    SubjectRecords read(SubjectId id, String purposeKey) {
        processing.requirePurpose(purposeKey);
        Subjects.Row row = access.visibleRow(id, Visibility.current());
        Set<String> allowed = access.requirePurpose(id, purposeKey, "register.subject.read");
        access.requireClearance(id, purposeKey, "register.subject.read");
        if (restrictions.isRestricted(id)) {
            // GDPR Art. 18(2): a restricted subject's data is only stored, not used.
            audit.record(AuditEvent.by(access.actor(), "register.subject.read", Outcome.DENIED).withPurpose(purposeKey)
                    .withTargets(id.reference()));
            throw new SubjectRestricted(id);
        }
        return inTx(() -> {
            List<Subjects.StoredRecord> all = subjects.recordsFor(id, purposeKey);
            List<Subjects.StoredRecord> held = all.stream().filter(r -> allowed.contains(r.category())).toList();
            List<String> withheld = all.stream().map(Subjects.StoredRecord::category)
                    .filter(c -> !allowed.contains(c)).distinct().sorted().toList();
            if (!withheld.isEmpty()) {
                // The role may use the purpose but never these categories (Visibility): refused and audited.
                List<String> refused = new ArrayList<>();
                refused.add(id.reference());
                withheld.forEach(c -> refused.add("category:" + c));
                audit.record(AuditEvent.by(access.actor(), "register.subject.read", Outcome.DENIED)
                        .withPurpose(purposeKey).withTargets(refused.toArray(String[]::new)));
            }
            if (held.isEmpty() && withheld.isEmpty()) {
                // GDPR Art. 5(1)(b): nothing was collected for this purpose, so nothing is shown.
                audit.record(AuditEvent.by(access.actor(), "register.subject.read", Outcome.DENIED)
                        .withPurpose(purposeKey).withTargets(id.reference()));
                return new SubjectRecords(row.summary(), purposeKey, List.of());
            }
            List<RecordView> views = new ArrayList<>();
            Set<String> categories = new TreeSet<>();
            for (Subjects.StoredRecord r : held) {
                views.add(new RecordView(r.id(), r.category(), cipher.decryptText(id, r.category(), r.id(), r.ciphertext()),
                        r.source(), r.purposes(), r.legalBasis(), r.collectedAt(), r.confirmedAt()));
                categories.add("category:" + r.category());
            }
            List<String> targets = new ArrayList<>();
            targets.add(id.reference());
            targets.addAll(categories);
            audit.record(AuditEvent.by(access.actor(), "register.subject.read", Outcome.SUCCESS).withPurpose(purposeKey)
                    .withTargets(targets.toArray(String[]::new)));
            return new SubjectRecords(row.summary(), purposeKey, views);
        });
    }

    Optional<byte[]> attachment(SubjectId id, UUID attachmentId, String purposeKey) {
        processing.requirePurpose(purposeKey);
        access.visibleRow(id, Visibility.current());
        access.requireCategories(id, purposeKey, List.of(Categories.CV), "register.attachment.read");
        access.requireClearance(id, purposeKey, "register.attachment.read");
        return inTx(() -> {
            Optional<Subjects.StoredAttachment> stored = subjects.attachment(id, attachmentId);
            boolean held = stored.isPresent() && subjects.recordsFor(id, purposeKey).stream()
                    .anyMatch(r -> r.id().equals(stored.get().record()));
            audit.record(AuditEvent.by(access.actor(), "register.attachment.read",
                    held ? Outcome.SUCCESS : Outcome.DENIED)
                    .withPurpose(purposeKey).withTargets(id.reference(), "attachment:" + attachmentId));
            return held ? Optional.of(cipher.decrypt(id, Categories.CV, attachmentId, stored.get().ciphertext()))
                    : Optional.<byte[]>empty();
        });
    }

    SubjectSummary summary(SubjectId id) {
        return access.visibleRow(id, Visibility.current()).summary();
    }

    List<SubjectSummary> findByEmail(String email) {
        String normalised = field("email", () -> EmailAddresses.normalise(email));
        return lookup("email", blindIndex.candidates("email", normalised),
                AuditEvent.by(access.actor(), "register.subject.lookup", Outcome.SUCCESS));
    }

    /**
     * The subjects with this email address and whether the consent gate permits each for the purpose, in one
     * statement (the blind index joined to the subjects, the gate's {@code inForceSql} embedded; issue 28 item 2),
     * audited as {@code entry} naming them (see SubjectRegister): the answer leaves only after its entry is committed.
     */
    List<GatedSubject> findByEmailWithConsent(String email, String purposeKey, AuditEvent entry) {
        String normalised = field("email", () -> EmailAddresses.normalise(email));
        List<byte[]> candidates = blindIndex.candidates("email", normalised);
        Set<SubjectKind> visible = Visibility.current();
        @Nullable ResolvedGate resolved = resolvedGate();
        @Nullable ConsentGate gate = resolved == null ? null : resolved.gate();
        @Nullable String inForce = resolved == null ? null : resolved.inForceSql();
        List<GatedSubject> found;
        if (inForce != null) {
            found = subjects.byIndexWithConsent("email", candidates, visible, inForce, purposeKey, clock.instant());
        } else {
            // A gate that cannot be asked in SQL (a stand-in in a test) is asked once for all found; without a gate
            // no consent exists (S4, S5).
            List<SubjectSummary> rows = subjects.byIndex("email", candidates, visible).stream()
                    .map(Subjects.Row::summary).toList();
            Set<SubjectId> permitted = gate == null || rows.isEmpty() ? Set.of()
                    : gate.permittedAmong(rows.stream().map(SubjectSummary::id).toList(), purposeKey);
            found = rows.stream().map(r -> new GatedSubject(r, permitted.contains(r.id()))).toList();
        }
        audit.recordRead(entry.withTargets(found.stream().map(g -> g.subject().id().reference()).toArray(String[]::new)));
        return found;
    }

    private @Nullable ResolvedGate resolvedGate() {
        ResolvedGate resolved = resolvedGate;
        if (resolved == null) {
            ConsentGate gate = consentGate.getIfAvailable();
            if (gate != null) {
                resolved = new ResolvedGate(gate, gate.inForceSql("s.id"));
                resolvedGate = resolved;
            }
        }
        return resolved;
    }

    List<SubjectSummary> findByPhone(String phone) {
        String normalised = field("phone", () -> PhoneNumbers.normalise(phone));
        return lookup("phone", blindIndex.candidates("phone", normalised),
                AuditEvent.by(access.actor(), "register.subject.lookup", Outcome.SUCCESS));
    }

    List<SubjectSummary> findByOrgNumber(String orgNumber) {
        String normalised = field("org", () -> OrgNumbers.normalise(orgNumber));
        Set<SubjectKind> visible = Visibility.current();
        return organisations.byNumber(normalised)
                .map(o -> subjects.byOrganisation(o.id(), visible).stream().map(Subjects.Row::summary).toList())
                .orElse(List.of());
    }

    /**
     * One statement (blind index joined to the subjects), then the entry naming what was found, written as a read
     * (group commit outside a transaction, in the caller's transaction inside one): the answer leaves only after
     * its entry is committed.
     */
    private List<SubjectSummary> lookup(String kind, List<byte[]> candidates, AuditEvent entry) {
        List<SubjectSummary> found = subjects.byIndex(kind, candidates, Visibility.current()).stream()
                .map(Subjects.Row::summary).toList();
        audit.recordRead(entry.withTargets(found.stream().map(s -> s.id().reference()).toArray(String[]::new)));
        return found;
    }

    SubjectPage list(int page, int size) {
        Paging paging = Paging.of(page, size, 100);
        Set<SubjectKind> visible = Visibility.current();
        List<SubjectSummary> items = subjects.page(visible, paging.offset(), size).stream().map(Subjects.Row::summary)
                .toList();
        return new SubjectPage(items, page, size, subjects.count(visible));
    }

    List<ChangeEntry> history(SubjectId id) {
        access.visibleRowEvenErased(id);
        return subjects.history(id);
    }

    boolean isErased(SubjectId id) {
        return subjects.find(id, false).map(Subjects.Row::erased).orElse(false);
    }

    /** A value normalised, or the normaliser's refusal reported against the field. */
    static String field(String field, Supplier<String> normaliser) {
        try {
            return normaliser.get();
        } catch (Rejected e) {
            throw e.on(field);
        }
    }

    private <T> T inTx(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
