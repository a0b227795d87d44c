package no.vern.register.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.crypto.SubjectCipher;
import no.vern.processing.SubjectKind;
import no.vern.register.Categories;
import no.vern.register.DuplicateGroup;
import no.vern.register.SubjectSummary;
import no.vern.register.SubjectsMerged;
import no.vern.shared.Actor;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;

/**
 * One person, one subject (issue 20, item 5): finds subjects that share an email address or phone number
 * through the blind indexes (no decryption, no value shown), and merges two of them. A merge re-encrypts
 * every record and attachment of the merged subject under the survivor's key (identical values are joined,
 * their purposes added), joins the kinds, writes the merge into both histories (history is kept), lets the
 * other modules re-point their data ({@link SubjectsMerged}, same transaction), marks the merged subject as
 * gone, and then shreds its key. A crash before the shred is finished by {@link ErasureRecovery}.
 */
@Component
class SubjectMerge {

    private final Subjects subjects;
    private final SubjectIndexes indexes;
    private final SubjectAccess access;
    private final RestrictionService restrictions;
    private final SubjectCipher cipher;
    private final Erasure erasure;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    SubjectMerge(Subjects subjects, SubjectIndexes indexes, SubjectAccess access, RestrictionService restrictions,
            SubjectCipher cipher, Erasure erasure, AuditLog audit, ApplicationEventPublisher events,
            TransactionTemplate tx, Clock clock) {
        this.subjects = subjects;
        this.indexes = indexes;
        this.access = access;
        this.restrictions = restrictions;
        this.cipher = cipher;
        this.erasure = erasure;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    List<DuplicateGroup> possibleDuplicates(int limit) {
        if (limit < 1 || limit > 500) {
            throw new InvalidInput("limit", "must be between 1 and 500", "error.field.range", "1", "500");
        }
        Set<SubjectKind> visible = Visibility.current();
        List<DuplicateGroup> groups = new ArrayList<>();
        Map<Set<UUID>, Boolean> seen = new HashMap<>();
        for (Subjects.SharedIndex shared : subjects.sharedIndexes(visible, limit)) {
            if (seen.putIfAbsent(Set.copyOf(shared.subjects()), Boolean.TRUE) != null) {
                continue; // the same subjects share both an email and a phone: one group
            }
            List<SubjectSummary> members = subjects.byIds(shared.subjects(), visible).stream()
                    .map(Subjects.Row::summary).toList();
            if (members.size() > 1) {
                groups.add(new DuplicateGroup(shared.kind(), members));
            }
        }
        audit.record(AuditEvent.by(access.actor(), "register.duplicates.list", Outcome.SUCCESS)
                .withTargets("groups:" + groups.size()));
        return groups;
    }

    SubjectId merge(SubjectId survivor, SubjectId other) {
        if (survivor.equals(other)) {
            throw new InvalidInput("other", "must be another subject than the surviving one", "register.error.mergeSame");
        }
        Actor actor = access.actor();
        Set<SubjectKind> visible = Visibility.current();
        access.visibleRow(survivor, visible);
        access.visibleRow(other, visible);
        // A merge processes every record of both subjects (read, re-encrypt, join): the caller's role must hold
        // every purpose and category they are held for (role × purpose × category matrix, Visibility).
        access.requireEveryRecord(survivor, "register.subject.merge");
        access.requireEveryRecord(other, "register.subject.merge");
        tx.executeWithoutResult(status -> {
            // Lock in id order, so that two merges of the same pair never wait for each other.
            SubjectId first = survivor.value().compareTo(other.value()) < 0 ? survivor : other;
            subjects.find(first, true);
            subjects.find(first.equals(survivor) ? other : survivor, true);
            Subjects.Row into = access.visibleRow(survivor, visible);
            Subjects.Row from = access.visibleRow(other, visible);
            if (restrictions.isRestricted(survivor) || restrictions.isRestricted(other)) {
                // GDPR Art. 18(2): restricted data is only stored; joining it with other data is processing.
                throw new Conflict("subject-restricted", "Subject restricted",
                        "A restricted subject cannot be merged until the restriction is lifted");
            }
            if (!subjects.shareIndex(survivor, other)) {
                throw new InvalidInput("other", "shares no email address or phone number with the surviving subject",
                        "register.error.mergeNothingShared");
            }
            Instant now = clock.instant();
            Map<UUID, UUID> recordIds = copyRecords(other, survivor);
            for (Subjects.FullAttachment a : subjects.attachments(other)) {
                byte[] plain = cipher.decrypt(other, Categories.CV, a.id(), a.ciphertext());
                subjects.insertAttachment(survivor, a.id(), Objects.requireNonNull(recordIds.getOrDefault(a.record(),
                        a.record())), a.mediaType(), a.size(), cipher.encrypt(survivor, Categories.CV, a.id(), plain),
                        a.createdAt());
            }
            Set<SubjectKind> kinds = EnumSet.copyOf(into.kinds());
            kinds.addAll(from.kinds());
            subjects.setKinds(survivor, kinds);
            if (into.organisation() == null && from.organisation() != null) {
                subjects.setOrganisation(survivor, from.organisation().id());
            }
            indexes.rebuild(survivor);
            subjects.change(survivor, now, actor.reference(), "subject", "merged-from " + other.reference());
            subjects.change(other, now, actor.reference(), "subject", "merged-into " + survivor.reference());
            // Synchronous, same transaction, while the other key still exists: modules re-point their data.
            events.publishEvent(new SubjectsMerged(survivor, other));
            subjects.deletePersonalData(other);
            subjects.markMerged(other, survivor, now);
            subjects.changed(survivor, now);
            audit.record(AuditEvent.by(actor, "register.subject.merge", Outcome.SUCCESS)
                    .withTargets(survivor.reference(), other.reference()));
        });
        // After the commit: the merged subject's key is destroyed (shred ledger; every node's cache evicted).
        erasure.shred(other);
        return survivor;
    }

    /** Re-encrypts the records of {@code from} under {@code into}; identical values are joined. Old id -> new id. */
    private Map<UUID, UUID> copyRecords(SubjectId from, SubjectId into) {
        Map<String, UUID> existing = new LinkedHashMap<>();
        for (Subjects.StoredRecord r : subjects.records(into)) {
            existing.putIfAbsent(key(r, cipher.decryptText(into, r.category(), r.id(), r.ciphertext())), r.id());
        }
        Map<UUID, UUID> ids = new HashMap<>();
        for (Subjects.StoredRecord r : subjects.records(from)) {
            String value = cipher.decryptText(from, r.category(), r.id(), r.ciphertext());
            UUID same = existing.get(key(r, value));
            if (same != null && !r.category().equals(Categories.CV)) {
                subjects.addPurposes(into, same, r.purposes(), r.collectedAt());
                ids.put(r.id(), same);
            } else {
                subjects.copyRecord(into, r, cipher.encryptText(into, r.category(), r.id(), value));
                ids.put(r.id(), r.id());
            }
        }
        return ids;
    }

    private static String key(Subjects.StoredRecord r, String value) {
        return r.category() + "\u0000" + r.legalBasis().name() + "\u0000" + value;
    }
}
