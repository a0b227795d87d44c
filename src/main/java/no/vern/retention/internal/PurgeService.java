package no.vern.retention.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    PurgeService(Planner planner, Runs runs, Holds holds, RetentionView view, SubjectRegister register, AuditLog audit,
            TransactionTemplate tx, Clock clock,
            @Value("${vern.retention.require-approved-dry-run:true}") boolean requireApprovedDryRun,
            @Value("${vern.retention.batch-size:100}") int batchSize) {
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
            runs.doneSubjects(id).forEach(this::shredIfEmpty);
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
                List<LegalHold> active = holds.active();
                List<Runs.Claimed> batch = runs.claim(run, batchSize);
                for (Runs.Claimed item : batch) {
                    if (crashAfterItems >= 0 && processed[0] >= crashAfterItems) {
                        throw new IllegalStateException("Simulated crash in retention purge (test hook)");
                    }
                    runs.done(run, item.seq(), purgeItem(item, active, emptied), clock.instant());
                    processed[0]++;
                }
                return batch.size();
            });
            // Crypto-shredding runs after the batch has committed, never inside it: the register's erasure
            // commits step by step and the key store is another database, so a shred inside a batch that then
            // rolled back (crash, error) left a destroyed key under records that were neither erased nor in
            // the shred ledger. A crash right here is finished by the sweep of a resumed run (purge()).
            emptied.forEach(this::shredIfEmpty);
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

    /** Deletes one item's records; a subject left with nothing else held about it is noted for shredding. */
    private int purgeItem(Runs.Claimed item, List<LegalHold> active, List<SubjectId> emptied) {
        SubjectId subject = item.subject();
        boolean held = active.stream().anyMatch(h -> h.scope() == HoldScope.SUBJECT && subject.equals(h.subject())
                || h.scope() == HoldScope.CATEGORY && item.category().equals(h.category()));
        if (held || !view.exists(subject)) {
            return 0; // a hold placed after planning wins; an erased subject has nothing left
        }
        int erased = view.eraseRecords(subject, item.purposeKey(), item.records());
        audit.record(AuditEvent.by(JOB, "retention.purge.erase", Outcome.SUCCESS).withPurpose(item.purposeKey())
                .withTargets(subject.reference(), "category:" + item.category()));
        if (!view.holdsRecords(subject)) {
            emptied.add(subject);
        }
        return erased;
    }

    /** Crypto-shreds a subject that is not erased yet and holds no records any more (outside any transaction). */
    private void shredIfEmpty(SubjectId subject) {
        if (view.exists(subject) && !view.holdsRecords(subject)) {
            Actors.runAs(JOB, () -> register.erase(subject));
            audit.record(AuditEvent.by(JOB, "retention.purge.shred", Outcome.SUCCESS).withTargets(subject.reference()));
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
