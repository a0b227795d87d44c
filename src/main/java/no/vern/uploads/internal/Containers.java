package no.vern.uploads.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.jspecify.annotations.Nullable;

import no.vern.uploads.FileType;
import no.vern.uploads.UploadRefused;
import no.vern.uploads.UploadRefused.Reason;

/**
 * Looks inside zip containers (DOCX, ODT) in memory: counts entries and expanded bytes while
 * streaming (declared sizes are not trusted), stops at the first limit, and tells the document
 * type from the entries; nothing is written to disk.
 */
final class Containers {

    private static final String ODT = "application/vnd.oasis.opendocument.text";

    private Containers() {
    }

    /** The document type inside a zip, or null if it is neither DOCX nor ODT; refuses bombs and macros. */
    static @Nullable FileType inspect(byte[] content, UploadProperties.Zip limits) {
        Set<String> names = new HashSet<>();
        String firstName = null;
        String mimetype = null;
        long total = 0;
        int entries = 0;
        byte[] buffer = new byte[16 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries++;
                if (entries > limits.maxEntries()) {
                    throw new UploadRefused(Reason.ZIP_BOMB, "The container has more than " + limits.maxEntries()
                            + " entries.");
                }
                String name = entry.getName();
                if (firstName == null) {
                    firstName = name;
                }
                names.add(name);
                long entryBytes = 0;
                StringBuilder head = new StringBuilder();
                int read;
                while ((read = zip.read(buffer)) > 0) {
                    entryBytes += read;
                    total += read;
                    if (total > limits.maxUncompressedBytes()
                            || total > (long) limits.maxRatio() * Math.max(content.length, 1) && total > 1_000_000) {
                        throw new UploadRefused(Reason.ZIP_BOMB, "The container expands beyond the allowed size or "
                                + "compression ratio (limit " + limits.maxUncompressedBytes() + " bytes, ratio "
                                + limits.maxRatio() + ":1).");
                    }
                    if ("mimetype".equals(name) && head.length() < 100) {
                        head.append(new String(buffer, 0, Math.min(read, 100), StandardCharsets.US_ASCII));
                    }
                }
                if ("mimetype".equals(name)) {
                    mimetype = head.toString().strip();
                }
            }
        } catch (IOException e) {
            throw new UploadRefused(Reason.TYPE_NOT_ALLOWED, "The file is a damaged zip container.");
        }
        if (entries == 0) {
            throw new UploadRefused(Reason.TYPE_NOT_ALLOWED, "The file is an empty zip container.");
        }
        if (names.stream().anyMatch(n -> n.endsWith("vbaProject.bin") || n.startsWith("Basic/")
                || n.toLowerCase().endsWith(".exe"))) {
            throw new UploadRefused(Reason.TYPE_NOT_ALLOWED, "Documents with macros or programs are not accepted.");
        }
        if ("mimetype".equals(firstName) && ODT.equals(mimetype)) {
            return FileType.ODT;
        }
        if (names.contains("[Content_Types].xml") && names.contains("word/document.xml")) {
            return FileType.DOCX;
        }
        return null;
    }
}
