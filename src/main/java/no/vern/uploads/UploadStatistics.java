package no.vern.uploads;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the security overview shows about uploads: whether a scanner is on, and how many files were
 * accepted without a scan.
 *
 * @param scannerConfigured whether a virus scanner is in use
 * @param accepted files accepted so far
 * @param acceptedUnscanned of those, accepted without a virus scan
 * @param refused files refused
 * @param lastUnscannedAt when the latest unscanned file was accepted
 */
public record UploadStatistics(boolean scannerConfigured, long accepted, long acceptedUnscanned, long refused,
        @Nullable Instant lastUnscannedAt) {
}
