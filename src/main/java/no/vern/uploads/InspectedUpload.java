package no.vern.uploads;

/**
 * A file that passed inspection: its type as detected from the content (never the client's claim).
 *
 * @param type the detected, allowed type
 * @param size bytes
 * @param scanned whether a virus scanner checked it (false when no scanner is configured)
 */
public record InspectedUpload(FileType type, long size, boolean scanned) {

    /** The media type to store and serve (always with {@code Content-Disposition: attachment}). */
    public String mediaType() {
        return type.mediaType();
    }
}
