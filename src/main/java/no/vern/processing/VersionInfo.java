package no.vern.processing;

import java.time.Instant;

/**
 * The history entry of a version, without its content.
 *
 * @param version number
 * @param author actor reference
 * @param createdAt when it was saved
 * @param changeNote why it was changed
 */
public record VersionInfo(int version, String author, Instant createdAt, String changeNote) {
}
