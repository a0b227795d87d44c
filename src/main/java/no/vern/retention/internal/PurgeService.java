package no.vern.retention.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.register.RetentionView;
import no.vern.register.SubjectRegister;
import no.vern.retention.DueItem;
import no.vern.retention.HoldScope;
import no.vern.retention.ItemStatus;
import no.vern.retention.LegalHold;
import no.vern.retention.PurgeRun;
import no.vern.retention.Purges;
import no.vern.retention.RuleSummary;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;

/**
 * The purge (issue 10, item 4; S23): plans what is due, stores it as the run's items, then deletes in
 * batches that each commit their items' progress, so a crash resumes where it stopped. Items are claimed
 * with {@code FOR UPDATE SKIP LOCKED} and at most one real run is active (unique index), so two nodes
 * never purge the same item twice even outside db-scheduler's single execution. Records of a purpose go
 * through {@link RetentionView#eraseRecords}; a subject left without records is crypto-shredded with
 * {@link SubjectRegister#erase}. Logs and audit carry counts and ids only.
 */
@Service
class PurgeService implements Purges {

    private static final Logger log = LoggerFactory.getLogger(PurgeService.class);
    static final Actor JOB = Actor.system("retention-purge");

    private final Planner planner;
    private final Runs runs;
    private final Holds holds;
    private final RetentionView view;
    private final SubjectRegister register;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final boolean requireApprovedDryRun;
    private final int batchSize;
    private volatile int crashAfterItems = -1;
    /** Subjects shredded per register call (one key-store round trip, one audit entry). */
    private static final int SHRED_CHUNK = 500;
    /**
     * Items per batch transaction (issue 28 item 8). Each batch costs about fifty statements whatever its size (claim,
     * erase, audit, progress, then mark, shred and finish its emptied subjects), and the rest of its work is set-based
     * per row; at 100 items (about 33 subjects with three categories) that fixed cost was paid fifteen times for 500
     * subjects. 500 items hold the locks of about 170 subjects for one batch, and a crash repeats at most one batch.
     */
    static final int DEFAULT_BATCH_SIZE = 500;

    PurgeService(Planner planner, Runs runs, Holds holds, RetentionView view, SubjectRegister register, AuditLog audit,
            TransactionTemplate tx, Clock clock,
            @Value("${vern.retention.require-approved-dry-run:true}") boolean requireApprovedDryRun,
            @Value("${vern.retention.batch-size:" + DEFAULT_BATCH_SIZE + "}") int batchSize) {
        this.planner = planner;
        this.runs = runs;
        this.holds = holds;
        this.view = view;
        this.register = register;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.requireApprovedDryRun = requireApprovedDryRun;
        this.batchSize = Math.max(1, batchSize);
    }

    @Override
    public PurgeRun dryRun() {
        Actor actor = actor();
        List<DueItem> items = planner.plan(false);
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(s -> {
            runs.insert(id, true, Runs.RUNNING, clock.instant(), actor.reference());
            runs.insertItems(id, items);
            runs.finish(id, Runs.DONE, clock.instant());
        });
        PurgeRun run = runs.find(id).orElseThrow();
        audit.record(AuditEvent.by(actor, "retention.dry-run", Outcome.SUCCESS).withTargets("run:" + id));
        log.info("Retention dry run {}: {} due, {} held", id, run.due(), run.held());
        return run;
    }

    @Override
    public PurgeRun approve(UUID dryRunId) {
        PurgeRun run = runs.find(dryRunId).orElseThrow(() -> new NotFound("Purge run", dryRunId));
        if (!run.dryRun()) {
            throw new InvalidInput("run", "only a dry run can be approved", "retention.error.approveDryRunOnly");
        }
        Actor actor = actor();
        if (runs.approve(dryRunId, actor.reference(), clock.instant())) {
            audit.record(AuditEvent.by(actor, "retention.dry-run.approve", Outcome.SUCCESS).withTargets("run:" + dryRunId));
        }
        return runs.find(dryRunId).orElseThrow();
    }

    @Override
    public boolean realRunsAllowed() {
        return !requireApprovedDryRun || runs.anyApproved();
    }

    @Override
    public PurgeRun purge() {
        Actor actor = actor();
        if (!realRunsAllowed()) {
            UUID id = UUID.randomUUID();
            tx.executeWithoutResult(s -> {
                runs.insert(id, false, Runs.REFUSED, clock.instant(), actor.reference());
                runs.finish(id, Runs.REFUSED, clock.instant());
            });
            audit.record(AuditEvent.by(actor, "retention.purge.run", Outcome.DENIED).withTargets("run:" + id));
            log.warn("Retention purge refused: no dry run has been approved yet (vern.retention.require-approved-dry-run)");
            return runs.find(id).orElseThrow();
        }
        Optional<PurgeRun> unfinished = runs.unfinishedReal();
        UUID id = unfinished.map(PurgeRun::id).orElseGet(() -> start(actor));
        if (unfinished.isPresent()) {
            // A crash between a batch's commit and its shreds left subjects without records but not erased.
            shredIfEmpty(id, runs.doneSubjects(id));
        }
        process(id);
        return runs.find(id).orElseThrow();
    }

    private UUID start(Actor actor) {
        List<DueItem> planned = planner.plan(true);
        List<DueItem> items = planned.stream().map(i -> i.status() == ItemStatus.DUE ? new DueItem(i.subject(),
                i.purposeKey(), i.category(), i.ruleVersion(), i.kind(), i.records(), i.dueAt(), i.reason(),
                ItemStatus.PENDING) : i).toList();
        UUID id = UUID.randomUUID();
        try {
            tx.executeWithoutResult(s -> {
                runs.insert(id, false, Runs.RUNNING, clock.instant(), actor.reference());
                runs.insertItems(id, items);
            });
            log.info("Retention purge {} started: {} items due", id, items.stream()
                    .filter(i -> i.status() == ItemStatus.PENDING).count());
            return id;
        } catch (DuplicateKeyException e) {
            // Another node started a run meanwhile: help finish that one instead.
            return runs.unfinishedReal().map(PurgeRun::id).orElseThrow(() -> e);
        }
    }

    private void process(UUID run) {
        int[] processed = { 0 };
        while (true) {
            List<SubjectId> emptied = new ArrayList<>();
            Integer claimed = tx.execute(s -> {
                List<Runs.Claimed> batch = runs.claim(run, batchSize);
                if (batch.isEmpty()) {
                    return 0;
                }
                int upTo = batch.size();
                if (crashAfterItems >= 0) {
                    upTo = Math.max(0, Math.min(batch.size(), crashAfterItems - processed[0]));
                }
                purgeBatch(run, batch.subList(0, upTo), holds.active(), emptied);
                processed[0] += upTo;
                if (upTo < batch.size()) {
                    throw new IllegalStateException("Simulated crash in retention purge (test hook)");
                }
                return batch.size();
            });
            // Crypto-shredding runs after the batch has committed, never inside it: the register's erasure
            // commits step by step and the key store is another database, so a shred inside a batch that then
            // rolled back (crash, error) left a destroyed key under records that were neither erased nor in
            // the shred ledger. A crash right here is finished by the sweep of a resumed run (purge()).
            shredIfEmpty(run, emptied);
            if (claimed == null || claimed == 0) {
                break; // done, or what is left belongs to subjects another node is purging right now
            }
        }
        if (runs.pending(run) == 0) {
            runs.finish(run, Runs.DONE, clock.instant());
            PurgeRun done = runs.find(run).orElseThrow();
            audit.record(AuditEvent.by(JOB, "retention.purge.run", Outcome.SUCCESS).withTargets("run:" + run));
            log.info("Retention purge {} finished: {} items deleted, {} held", run, done.done(), done.held());
        }
    }

    /**
     * Deletes a batch's items set-based (issue 28 item 8): one query for which subjects still exist, one erasure of
     * all the items' records in the register, one audit entry per purpose and category naming the run and the
     * subjects, and the items' progress in one statement. The subjects records were deleted from are noted for
     * {@link #shredIfEmpty}, whose register call shreds only those left holding nothing (one statement checks and
     * marks). A hold placed after planning wins: its items are done with nothing deleted.
     */
    private void purgeBatch(UUID run, List<Runs.Claimed> batch, List<LegalHold> active, List<SubjectId> emptied) {
        if (batch.isEmpty()) {
            return;
        }
        Set<SubjectId> existing = view.existing(batch.stream().map(Runs.Claimed::subject).toList());
        List<Runs.Claimed> erasing = batch.stream().filter(i -> !held(i, active) && existing.contains(i.subject()))
                .toList(); // an erased subject has nothing left
        int[] erased = view.eraseRecords(erasing.stream()
                .map(i -> new RetentionView.PurposeRecords(i.subject(), i.purposeKey(), i.records())).toList());
        Map<Integer, Integer> bySeq = new HashMap<>();
        Map<List<String>, List<String>> audited = new LinkedHashMap<>();
        for (int n = 0; n < erasing.size(); n++) {
            Runs.Claimed item = erasing.get(n);
            bySeq.put(item.seq(), erased[n]);
            audited.computeIfAbsent(List.of(item.purposeKey(), item.category()), k -> new ArrayList<>())
                    .add(item.subject().reference());
        }
        // Per subject, the auditor finds that and why it was purged: the run (its items carry rule and reason), the
        // purpose and the category, with the subject among the targets (GIN-indexed).
        audited.forEach((key, subjects) -> audit.record(AuditEvent.by(JOB, "retention.purge.erase", Outcome.SUCCESS)
                .withPurpose(key.get(0)).withTargets("run:" + run, "category:" + key.get(1))
                .withTargets(subjects.stream().distinct().toArray(String[]::new))));
        runs.done(run, batch.stream().map(i -> new Runs.Done(i.seq(), bySeq.getOrDefault(i.seq(), 0))).toList(),
                clock.instant());
        Set<SubjectId> erasedFrom = new LinkedHashSet<>();
        erasing.forEach(i -> erasedFrom.add(i.subject()));
        emptied.addAll(erasedFrom);
    }

    private static boolean held(Runs.Claimed item, List<LegalHold> active) {
        return active.stream().anyMatch(h -> h.scope() == HoldScope.SUBJECT && item.subject().equals(h.subject())
                || h.scope() == HoldScope.CATEGORY && item.category().equals(h.category()));
    }

    /**
     * Crypto-shreds those subjects that are not erased yet and hold no records any more (outside any transaction),
     * in bulk: one register call, one key-store round trip, one audit entry naming the run and the subjects.
     */
    private void shredIfEmpty(UUID run, List<SubjectId> subjects) {
        for (int from = 0; from < subjects.size(); from += SHRED_CHUNK) {
            List<SubjectId> chunk = subjects.subList(from, Math.min(subjects.size(), from + SHRED_CHUNK));
            java.util.function.Supplier<List<SubjectId>> erase = () -> view.eraseEmptied(chunk);
            List<SubjectId> shredded = Actors.runAs(JOB, erase);
            if (!shredded.isEmpty()) {
                audit.record(AuditEvent.by(JOB, "retention.purge.shred", Outcome.SUCCESS).withTargets("run:" + run)
                        .withTargets(shredded.stream().map(SubjectId::reference).toArray(String[]::new)));
            }
        }
    }

    @Override
    public Optional<PurgeRun> run(UUID id) {
        return runs.find(id);
    }

    @Override
    public List<PurgeRun> runs(int limit) {
        return runs.latest(Math.max(1, Math.min(limit, 200)));
    }

    @Override
    public List<RuleSummary> summary(UUID runId) {
        Map<String, List<DueItem>> byRule = new LinkedHashMap<>();
        runs.items(runId).stream().sorted(Comparator.comparing(DueItem::ruleId))
                .forEach(i -> byRule.computeIfAbsent(i.ruleId(), k -> new ArrayList<>()).add(i));
        return byRule.values().stream().map(items -> {
            DueItem first = items.get(0);
            return new RuleSummary(first.purposeKey(), first.category(), first.kind(),
                    count(items, ItemStatus.DUE) + count(items, ItemStatus.PENDING) + count(items, ItemStatus.DONE),
                    count(items, ItemStatus.HELD), count(items, ItemStatus.NOTICE),
                    items.stream().map(DueItem::subject).distinct().toList());
        }).toList();
    }

    @Override
    public List<DueItem> items(UUID runId) {
        return runs.items(runId);
    }

    @Override
    public List<DueItem> dueNow() {
        return planner.plan(false);
    }

    @Override
    public List<no.vern.retention.DeletedCount> deletedPerMonth() {
        return runs.deletedPerMonth().stream().map(m -> new no.vern.retention.DeletedCount(m.month(), m.purposeKey(),
                m.category(), m.kind(), m.items(), m.records())).toList();
    }

    /** Test hook: the next runs throw after this many items (a crash mid-batch); negative switches it off. */
    void crashAfterItems(int items) {
        this.crashAfterItems = items;
    }

    private static int count(List<DueItem> items, ItemStatus status) {
        return (int) items.stream().filter(i -> i.status() == status).count();
    }

    private static Actor actor() {
        return Actors.currentOr(JOB);
    }
}
