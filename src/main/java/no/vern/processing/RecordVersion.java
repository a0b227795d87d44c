package no.vern.processing;

import java.time.Instant;

/**
 * One immutable version of the record: the document, who made it, when and why.
 *
 * @param version number, 1 for the seed, increasing by one per change
 * @param document the record as of this version
 * @param author actor reference, e.g. {@code staff:kari} or {@code system:seed}
 * @param createdAt when the version was saved
 * @param changeNote why it was changed
 */
public record RecordVersion(int version, ProcessingRecordDocument document, String author, Instant createdAt,
        String changeNote) {

    /** The version without the document, for lists. */
    public VersionInfo info() {
        return new VersionInfo(version, author, createdAt, changeNote);
    }
}
