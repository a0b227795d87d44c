package no.vern.register.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.register.Categories;
import no.vern.register.ErasureOutcome;
import no.vern.register.KeptCategory;
import no.vern.register.RecordsErased;
import no.vern.register.SubjectErasing;
import no.vern.shared.Actor;
import no.vern.shared.SubjectId;

/**
 * Erasure on request that keeps only what a legal duty holds (GDPR Art. 17(1), 17(3)(b)): every other record is
 * deleted now, the kept records lose every other purpose and are restricted (Art. 18) per category with ground and
 * release date; with nothing kept, the subject is crypto-shredded by the steps of {@link Erasure}.
 */
@Component
class KeepingErasure {

    private final Subjects subjects;
    private final RequestedErasure whole;
    private final RestrictionService restrictions;
    private final SubjectIndexes indexes;
    private final JdbcSubjectDirectory directory;
    private final SubjectAccess access;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    KeepingErasure(Subjects subjects, RequestedErasure whole, RestrictionService restrictions, SubjectIndexes indexes,
            JdbcSubjectDirectory directory, SubjectAccess access, AuditLog audit, ApplicationEventPublisher events,
            TransactionTemplate tx, Clock clock) {
        this.subjects = subjects;
        this.whole = whole;
        this.restrictions = restrictions;
        this.indexes = indexes;
        this.directory = directory;
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    ErasureOutcome erase(SubjectId id, String reason, List<KeptCategory> kept) {
        Subjects.Row row = access.visibleRowEvenErased(id);
        if (row.erasureCompletedAt() != null) {
            return new ErasureOutcome(id, List.of(), List.of(), true);
        }
        List<Subjects.StoredRecord> held = subjects.records(id);
        Set<String> before = new TreeSet<>();
        held.forEach(r -> before.add(r.category()));
        // Only what is really held is kept: a kept category that matches no record is not claimed.
        List<KeptCategory> effective = kept.stream().filter(k -> held.stream()
                .anyMatch(r -> r.category().equals(k.category()) && r.purposes().contains(k.purposeKey()))).toList();
        if (effective.isEmpty()) {
            whole.erase(id);
            restrictions.drop(id); // nothing is stored any more, so nothing is restricted
            return new ErasureOutcome(id, List.copyOf(before), List.of(), true);
        }
        Actor actor = access.actor();
        Set<String> erased = new TreeSet<>();
        tx.executeWithoutResult(s -> {
            Instant now = clock.instant();
            List<UUID> delete = new ArrayList<>();
            Set<String> purposesLost = new LinkedHashSet<>();
            Map<UUID, List<String>> narrow = new HashMap<>();
            boolean emailKept = false;
            for (Subjects.StoredRecord r : held) {
                List<String> keptFor = effective.stream().filter(k -> k.category().equals(r.category())
                        && r.purposes().contains(k.purposeKey())).map(KeptCategory::purposeKey).distinct().toList();
                if (keptFor.isEmpty()) {
                    delete.add(r.id());
                    purposesLost.addAll(r.purposes());
                } else {
                    emailKept |= r.category().equals(Categories.EMAIL);
                    if (!keptFor.containsAll(r.purposes())) {
                        narrow.put(r.id(), keptFor);
                        r.purposes().stream().filter(p -> !keptFor.contains(p)).forEach(purposesLost::add);
                    }
                }
            }
            if (!emailKept) {
                // The address goes: the suppression list keeps its keyed hash, so no import brings the person back.
                events.publishEvent(new SubjectErasing(id, directory.emailHashesOf(id)));
            }
            held.stream().filter(r -> delete.contains(r.id())).forEach(r -> erased.add(r.category()));
            subjects.deleteRecords(id, delete);
            narrow.forEach((record, purposes) -> subjects.setPurposes(id, record, purposes));
            indexes.rebuild(id);
            restrictions.restrictKept(id, reason, effective);
            // A category both erased (for one purpose) and kept (for another) is reported as kept.
            effective.forEach(k -> erased.remove(k.category()));
            if (!erased.isEmpty()) {
                subjects.changes(id, now, actor.reference(), List.copyOf(erased), "erased");
            }
            subjects.changes(id, now, actor.reference(), effective.stream().map(KeptCategory::category).distinct().toList(),
                    "restricted");
            subjects.changed(id, now);
            purposesLost.forEach(p -> events.publishEvent(new RecordsErased(id, p)));
            List<String> targets = new ArrayList<>();
            targets.add(id.reference());
            erased.forEach(c -> targets.add("category:" + c));
            audit.record(AuditEvent.by(actor, "register.records.erase", Outcome.SUCCESS).withTargets(targets.toArray(String[]::new)));
            audit.record(AuditEvent.by(actor, "register.subject.restrict", Outcome.SUCCESS).withTargets(id.reference()));
        });
        return new ErasureOutcome(id, List.copyOf(erased), effective, false);
    }
}
