package no.vern.retention;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The purge (issue 10, item 4): a dry run shows what would go and why, a person approves one before the
 * first real run, and the daily real run deletes or crypto-shreds what is due in committed batches,
 * resuming an interrupted run. Logs and audit hold counts and ids only.
 */
public interface Purges {

    /** Computes what is due now, stores it as a dry run for review and returns it. */
    PurgeRun dryRun();

    /** Approves a dry run (the privacy officer has reviewed it); needed before the first real run. */
    PurgeRun approve(UUID dryRunId);

    /**
     * Runs (or resumes) the real purge now; refused (status REFUSED, nothing deleted) while no dry run has been
     * approved and {@code vern.retention.require-approved-dry-run} is true.
     */
    PurgeRun purge();

    /** Whether a real run may happen (a dry run was approved, or approval is switched off). */
    boolean realRunsAllowed();

    /** A run by id. */
    Optional<PurgeRun> run(UUID id);

    /** The latest runs, newest first. */
    List<PurgeRun> runs(int limit);

    /** What a run found, per rule. */
    List<RuleSummary> summary(UUID runId);

    /** The items of a run (ids, dates, reasons). */
    List<DueItem> items(UUID runId);

    /** What is due now (computed, not stored, nothing sent); overdue items are those due for more than a day. */
    List<DueItem> dueNow();

    /** What real runs deleted, per month and rule. */
    List<DeletedCount> deletedPerMonth();
}
