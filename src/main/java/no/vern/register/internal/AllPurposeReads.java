package no.vern.register.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.crypto.BlindIndex;
import no.vern.crypto.SubjectCipher;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.SubjectKind;
import no.vern.processing.UnknownPurpose;
import no.vern.register.HeldUnderAddress;
import no.vern.register.RecordView;
import no.vern.register.SubjectRestricted;
import no.vern.shared.EmailAddresses;
import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;

/**
 * The register's reads of everything a subject holds for many purposes at once, as the right of access needs them
 * (GDPR Art. 15; issue 28 item 5): one subject for all the purposes given ({@code readAll}), and everything held under
 * an address, the lookup included, in one statement ({@code readAllUnder}). Each purpose is checked as the
 * purpose-bound read checks it (the caller's purposes and categories, read clearance, restriction), every record is
 * decrypted once, and the read is audited once.
 */
@Component
class AllPurposeReads {

    private final Subjects subjects;
    private final SubjectCipher cipher;
    private final BlindIndex blindIndex;
    private final ProcessingRecord processing;
    private final AuditLog audit;
    private final SubjectAccess access;
    private final TransactionTemplate tx;

    AllPurposeReads(Subjects subjects, SubjectCipher cipher, BlindIndex blindIndex, ProcessingRecord processing,
            AuditLog audit, SubjectAccess access, TransactionTemplate tx) {
        this.subjects = subjects;
        this.cipher = cipher;
        this.blindIndex = blindIndex;
        this.processing = processing;
        this.audit = audit;
        this.access = access;
        this.tx = tx;
    }

    List<RecordView> readAll(SubjectId id, List<String> purposeKeys) {
        List<String> purposes = existingPurposes(purposeKeys);
        // The subject's row and its restriction in one statement (issue 28 item 5); the restriction is acted on below.
        boolean restricted = access.visibleAndRestricted(id, Visibility.current());
        Map<String, Set<String>> allowed = checked(id, purposes);
        if (restricted) {
            // GDPR Art. 18(2): a restricted subject's data is only stored, not used.
            audit.record(refused(id, purposes));
            throw new SubjectRestricted(id);
        }
        return inTx(() -> {
            List<Subjects.StoredRecord> all = subjects.recordsForAny(id, purposes);
            Set<String> readFor = new LinkedHashSet<>();
            Map<UUID, Subjects.StoredRecord> held = openRecords(id, all, allowed, readFor);
            if (held.isEmpty()) {
                if (all.isEmpty()) {
                    // GDPR Art. 5(1)(b): nothing was collected for these purposes, so nothing is shown.
                    audit.record(refused(id, purposes));
                }
                return List.<RecordView>of();
            }
            List<RecordView> views = new ArrayList<>();
            Set<String> categories = new TreeSet<>();
            for (Subjects.StoredRecord r : held.values()) {
                views.add(view(id, r));
                categories.add("category:" + r.category());
            }
            List<String> named = new ArrayList<>(readFor);
            named.addAll(categories);
            audit.record(AuditEvent.by(access.actor(), "register.subject.read", Outcome.SUCCESS)
                    .withTargets(targets(id, named)));
            return List.copyOf(views);
        });
    }

    /** See {@link no.vern.register.SubjectRegister#readAllUnder}. */
    HeldUnderAddress readAllUnder(@Nullable String email, List<SubjectId> known, List<String> purposeKeys, AuditEvent entry) {
        List<String> purposes = existingPurposes(purposeKeys);
        List<byte[]> candidates = email == null ? List.of()
                : blindIndex.candidates("email", SubjectReads.field("email", () -> EmailAddresses.normalise(email)));
        Set<SubjectKind> visible = Visibility.current();
        List<Subjects.Held> held = subjects.heldUnder("email", candidates, known, visible, purposes);
        List<SubjectId> found = new ArrayList<>();
        Set<SubjectId> live = new LinkedHashSet<>();
        for (Subjects.Held h : held) {
            if (h.found()) {
                found.add(h.id());
            }
            // A known subject the caller may not see is not named (as NotFound would not); an erased one is gone.
            if (!h.erased() && Visibility.sees(visible, h.kinds())) {
                live.add(h.id());
            }
        }
        if (live.isEmpty()) {
            audit.recordRead(entry);
            return new HeldUnderAddress(found, live, Map.of());
        }
        // The checks of readAll, once for the person.
        Map<String, Set<String>> allowed = checked(live.iterator().next(), purposes);
        Map<SubjectId, List<RecordView>> records = new LinkedHashMap<>();
        Set<String> readFor = new LinkedHashSet<>();
        Set<String> categories = new TreeSet<>();
        List<String> named = new ArrayList<>();
        for (Subjects.Held h : held) {
            if (!live.contains(h.id())) {
                continue;
            }
            if (!entry.targets().contains(h.id().reference())) {
                named.add(h.id().reference());
            }
            if (h.restricted()) {
                // GDPR Art. 18(2): a restricted subject's data is only stored, not used (refused as readAll refuses it).
                audit.recordRead(refused(h.id(), purposes));
                continue;
            }
            Map<UUID, Subjects.StoredRecord> open = openRecords(h.id(), h.records(), allowed, readFor);
            List<RecordView> views = new ArrayList<>();
            for (Subjects.StoredRecord r : open.values()) {
                views.add(view(h.id(), r));
                categories.add("category:" + r.category());
            }
            records.put(h.id(), List.copyOf(views));
        }
        named.addAll(readFor);
        named.addAll(categories);
        audit.recordRead(entry.withTargets(named.toArray(String[]::new)));
        return new HeldUnderAddress(found, live, records);
    }

    /**
     * The checks of a read for every purpose: each purpose is the caller's, with the categories it opens to the caller,
     * and the caller is cleared to read (S15).
     */
    private Map<String, Set<String>> checked(SubjectId id, List<String> purposes) {
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        for (String key : purposes) {
            allowed.put(key, access.requirePurpose(id, key, "register.subject.read"));
        }
        access.requireClearance(id, purposes.get(0), "register.subject.read");
        return allowed;
    }

    /** The entry of a read refused for all these purposes (restricted, or nothing collected for them). */
    private AuditEvent refused(SubjectId id, List<String> purposes) {
        return AuditEvent.by(access.actor(), "register.subject.read", Outcome.DENIED)
                .withTargets(targets(id, purposes.stream().map(p -> "purpose:" + p).toList()));
    }

    /** The purposes, each once, every one in the record of processing (one look-up of it for all). */
    private List<String> existingPurposes(List<String> purposeKeys) {
        List<String> purposes = purposeKeys.stream().distinct().toList();
        if (purposes.isEmpty()) {
            throw new InvalidInput("purposes", "at least one purpose is required", "register.error.noPurpose");
        }
        ProcessingRecordDocument doc = processing.current().document();
        for (String key : purposes) {
            if (doc.purpose(key).isEmpty()) {
                throw new UnknownPurpose(key);
            }
        }
        return purposes;
    }

    /**
     * Of a subject's records held for any of the purposes, those the caller may see, purpose by purpose as the caller
     * listed them (a record comes once, under the first that opens it; {@code readFor} collects those purposes); the
     * categories withheld from the caller (Visibility) are refused and audited.
     */
    private Map<UUID, Subjects.StoredRecord> openRecords(SubjectId id, List<Subjects.StoredRecord> all,
            Map<String, Set<String>> allowed, Set<String> readFor) {
        Map<UUID, Subjects.StoredRecord> held = new LinkedHashMap<>();
        for (Map.Entry<String, Set<String>> purpose : allowed.entrySet()) {
            for (Subjects.StoredRecord r : all) {
                if (r.purposes().contains(purpose.getKey()) && purpose.getValue().contains(r.category())
                        && held.putIfAbsent(r.id(), r) == null) {
                    readFor.add("purpose:" + purpose.getKey());
                }
            }
        }
        List<String> withheld = all.stream().filter(r -> !held.containsKey(r.id()))
                .map(Subjects.StoredRecord::category).distinct().sorted().toList();
        if (!withheld.isEmpty()) {
            audit.recordRead(AuditEvent.by(access.actor(), "register.subject.read", Outcome.DENIED)
                    .withTargets(targets(id, withheld.stream().map(c -> "category:" + c).toList())));
        }
        return held;
    }

    /** A stored record decrypted (once) under its subject's key. */
    private RecordView view(SubjectId id, Subjects.StoredRecord r) {
        return new RecordView(r.id(), r.category(), cipher.decryptText(id, r.category(), r.id(), r.ciphertext()),
                r.source(), r.purposes(), r.legalBasis(), r.collectedAt(), r.confirmedAt());
    }

    private static String[] targets(SubjectId id, List<String> more) {
        List<String> targets = new ArrayList<>();
        targets.add(id.reference());
        targets.addAll(more);
        return targets.toArray(String[]::new);
    }

    private <T> T inTx(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
