package no.vern.uploads.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the upload gate and where the ClamAV daemon listens.
 *
 * @param maxBytes largest file accepted
 * @param maxFilesPerOwner most files one owner (e.g. one data subject) may hold
 * @param zip limits for zip containers (DOCX, ODT), checked while streaming, never extracted to disk
 * @param clamav the clamd daemon; an empty host means no scanner
 */
@ConfigurationProperties("vern.uploads")
record UploadProperties(@DefaultValue("10485760") long maxBytes, @DefaultValue("20") int maxFilesPerOwner,
        @DefaultValue Zip zip, @DefaultValue Clamav clamav) {

    /**
     * Zip-bomb limits.
     *
     * @param maxEntries most entries in one container
     * @param maxUncompressedBytes most bytes all entries may expand to
     * @param maxRatio most uncompressed bytes per compressed byte
     */
    record Zip(@DefaultValue("1000") int maxEntries, @DefaultValue("104857600") long maxUncompressedBytes,
            @DefaultValue("100") int maxRatio) {
    }

    /**
     * The clamd daemon (INSTREAM over TCP).
     *
     * @param host host name; empty means no scanner is configured
     * @param port TCP port (clamd default 3310)
     * @param timeout connect and read timeout
     */
    record Clamav(@DefaultValue("") String host, @DefaultValue("3310") int port,
            @DefaultValue("30s") Duration timeout) {
    }
}
