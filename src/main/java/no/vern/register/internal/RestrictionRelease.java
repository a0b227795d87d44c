package no.vern.register.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.register.RecordsErased;
import no.vern.register.RestrictionReleases;
import no.vern.shared.Actor;
import no.vern.shared.SubjectId;
import no.vern.shared.VernClock;

/**
 * Releases kept categories whose legal duty has ended (GDPR Art. 17(3)(b) no longer applies, so Art. 17(1) does):
 * each category commits on its own, so a crash resumes with what is left; a subject with no record left is
 * crypto-shredded by the steps of {@link Erasure}. Audited with counts only, as the job.
 */
@Service
class RestrictionRelease implements RestrictionReleases {

    /** The db-scheduler task name; its one row in {@code scheduled_tasks} is shared by every node. */
    static final String TASK = "restriction-release";
    static final Actor JOB = Actor.system(TASK);
    private static final Logger log = LoggerFactory.getLogger(RestrictionRelease.class);
    private static final int BATCH = 200;

    private final RestrictionService restrictions;
    private final Subjects subjects;
    private final SubjectIndexes indexes;
    private final Erasure erasure;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    RestrictionRelease(RestrictionService restrictions, Subjects subjects, SubjectIndexes indexes, Erasure erasure,
            AuditLog audit, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.restrictions = restrictions;
        this.subjects = subjects;
        this.indexes = indexes;
        this.erasure = erasure;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public int releaseDue() {
        // Every write, shred and audit line names the job (rule 7), also when a test or an operator calls it.
        Integer released = no.vern.shared.Actors.runAs(JOB, () -> releaseDueAsJob());
        return released;
    }

    private int releaseDueAsJob() {
        LocalDate today = clock.instant().atZone(VernClock.ZONE).toLocalDate();
        int released = 0;
        int records = 0;
        Set<SubjectId> shredded = new LinkedHashSet<>();
        while (true) {
            List<RestrictionService.Released> due = restrictions.releasedBefore(today, BATCH);
            if (due.isEmpty()) {
                break;
            }
            for (RestrictionService.Released r : due) {
                // The subject's last kept category: it is marked erased before anything is released, so a crash
                // at any point leaves it to erasure-recovery (key shredded, rows deleted), never half-kept.
                boolean last = lastOfSubject(r);
                if (last && subjects.find(r.subject(), false).map(row -> !row.erased()).orElse(false)) {
                    erasure.markErased(r.subject());
                }
                Integer n = tx.execute(s -> release(r));
                records += n == null ? 0 : n;
                released++;
                if (last) {
                    // Idempotent steps: also finishes a subject a crashed earlier run had marked.
                    erasure.shred(r.subject());
                    erasure.finish(r.subject(), JOB);
                    shredded.add(r.subject());
                }
            }
        }
        if (released > 0) {
            audit.record(AuditEvent.by(JOB, "register.restriction.release", Outcome.SUCCESS).withTargets(
                    "categories:" + released, "records:" + records, "subjects-erased:" + shredded.size()));
            log.info("Released {} kept categories ({} records); {} subjects erased", released, records, shredded.size());
        }
        return released;
    }

    /** Whether releasing this category leaves the subject with nothing: no other kept category, no other record. */
    private boolean lastOfSubject(RestrictionService.Released r) {
        boolean onlyKept = restrictions.restriction(r.subject())
                .map(x -> x.kept().stream().allMatch(k -> k.purposeKey().equals(r.purposeKey())
                        && k.category().equals(r.category())))
                .orElse(true);
        return onlyKept && subjects.records(r.subject()).stream().allMatch(record -> record.category().equals(r.category())
                && record.purposes().equals(List.of(r.purposeKey())));
    }

    /** One kept category: its records lose the purpose (deleted when it was their last); the restriction shrinks. */
    private int release(RestrictionService.Released r) {
        Instant now = clock.instant();
        List<java.util.UUID> delete = new ArrayList<>();
        int narrowed = 0;
        for (Subjects.StoredRecord record : subjects.records(r.subject())) {
            if (!record.category().equals(r.category()) || !record.purposes().contains(r.purposeKey())) {
                continue;
            }
            if (record.purposes().size() == 1) {
                delete.add(record.id());
            } else {
                subjects.setPurposes(r.subject(), record.id(),
                        record.purposes().stream().filter(p -> !p.equals(r.purposeKey())).toList());
                narrowed++;
            }
        }
        int deleted = subjects.deleteRecords(r.subject(), delete);
        restrictions.dropKept(r.subject(), r.purposeKey(), r.category());
        if (restrictions.restriction(r.subject()).map(x -> x.kept().isEmpty()).orElse(false)) {
            restrictions.drop(r.subject()); // nothing restricted is left
        }
        indexes.rebuild(r.subject());
        subjects.change(r.subject(), now, JOB.reference(), r.category(), "released");
        subjects.changed(r.subject(), now);
        events.publishEvent(new RecordsErased(r.subject(), r.purposeKey()));
        return deleted + narrowed;
    }
}
