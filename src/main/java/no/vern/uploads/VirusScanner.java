package no.vern.uploads;

import org.jspecify.annotations.Nullable;

/**
 * The virus-scan hook: every upload passes through it when a scanner is configured (a ClamAV clamd
 * client ships with Vern: {@code vern.uploads.clamav.host}). Without one, uploads are accepted
 * unscanned and the security overview says so.
 */
public interface VirusScanner {

    /** Scans the bytes; a scanner that cannot answer throws {@link java.io.IOException}. */
    Verdict scan(byte[] content) throws java.io.IOException;

    /**
     * A scanner's answer.
     *
     * @param clean whether nothing was found
     * @param signature the name of what was found (e.g. {@code Eicar-Signature}), never file content
     */
    record Verdict(boolean clean, @Nullable String signature) {

        /** Nothing found. */
        public static Verdict ok() {
            return new Verdict(true, null);
        }
    }
}
