package no.vern.uploads;

import org.jspecify.annotations.Nullable;

/**
 * The one gate every uploaded file passes before another module stores it (S15): limits, type from
 * content, allowed types for the purpose, zip-bomb and polyglot checks, and the virus scan.
 */
public interface UploadInspector {

    /**
     * Inspects a file; returns its detected type or throws {@link UploadRefused}. The file name and
     * declared media type are optional; when given they must agree with the content (no disguises).
     */
    InspectedUpload inspect(@Nullable String filename, @Nullable String declaredType, byte[] content,
            UploadPurpose purpose);

    /** Refuses ({@link UploadRefused}, {@code TOO_MANY}) when the owner already holds the maximum number of files. */
    void requireRoom(int alreadyHeld, UploadPurpose purpose);

    /** Counts for the security overview. */
    UploadStatistics statistics();
}
