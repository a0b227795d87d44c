package no.vern.retention;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A dry or real purge run: counts only.
 *
 * @param id the run id
 * @param dryRun whether it only showed what would go
 * @param status RUNNING, DONE or REFUSED
 * @param startedAt when it started
 * @param finishedAt when it finished, or null
 * @param startedBy actor reference
 * @param due how many items were due
 * @param held how many were stopped by a legal hold
 * @param done how many were deleted
 * @param approvedBy who approved a dry run, or null
 * @param approvedAt when, or null
 */
public record PurgeRun(UUID id, boolean dryRun, String status, Instant startedAt, @Nullable Instant finishedAt,
        String startedBy, int due, int held, int done, @Nullable String approvedBy, @Nullable Instant approvedAt) {
}
