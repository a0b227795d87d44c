package no.vern.uploads.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.tika.Tika;
import org.jspecify.annotations.Nullable;

import no.vern.uploads.FileType;
import no.vern.uploads.InspectedUpload;
import no.vern.uploads.UploadInspector;
import no.vern.uploads.UploadPurpose;
import no.vern.uploads.UploadRefused;
import no.vern.uploads.UploadRefused.Reason;
import no.vern.uploads.UploadStatistics;
import no.vern.uploads.VirusScanner;

/**
 * The upload gate: limits first, then the type from the content's magic bytes (Apache Tika, no
 * file name given to it), then the purpose's allow-list, disguise and polyglot checks, the zip
 * container checks, and finally the virus scan when a scanner is configured. Every outcome is
 * counted (type, size, outcome; nothing of the content or the file name).
 */
final class GateInspector implements UploadInspector {

    private static final Set<String> ZIP_TYPES = Set.of("application/zip", "application/x-tika-ooxml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.oasis.opendocument.text");
    /** Markup that makes a browser (or a sniffing proxy) treat bytes as a page or script. */
    private static final String[] MARKUP = { "<html", "<script", "<!doctype html", "<body", "<iframe", "<svg",
            "<object", "<embed", "<meta" };

    private final Tika tika = new Tika();
    private final UploadProperties properties;
    private final @Nullable VirusScanner scanner;
    private final Inspections inspections;
    private final Clock clock;

    GateInspector(UploadProperties properties, @Nullable VirusScanner scanner, Inspections inspections,
            Clock clock) {
        this.properties = properties;
        this.scanner = scanner;
        this.inspections = inspections;
        this.clock = clock;
    }

    @Override
    public InspectedUpload inspect(@Nullable String filename, @Nullable String declaredType, byte[] content,
            UploadPurpose purpose) {
        try {
            InspectedUpload accepted = check(filename, declaredType, content, purpose);
            inspections.record(purpose, accepted.mediaType(), content.length, null, accepted.scanned(), clock.instant());
            return accepted;
        } catch (UploadRefused refused) {
            inspections.record(purpose, null, content.length, refused.reason(), false, clock.instant());
            throw refused;
        }
    }

    @Override
    public void requireRoom(int alreadyHeld, UploadPurpose purpose) {
        if (alreadyHeld >= properties.maxFilesPerOwner()) {
            inspections.record(purpose, null, 0, Reason.TOO_MANY, false, clock.instant());
            throw new UploadRefused(Reason.TOO_MANY, "At most " + properties.maxFilesPerOwner()
                    + " files may be held; remove one first.");
        }
    }

    @Override
    public UploadStatistics statistics() {
        return inspections.statistics(scanner != null);
    }

    private InspectedUpload check(@Nullable String filename, @Nullable String declaredType, byte[] content,
            UploadPurpose purpose) {
        if (content.length == 0) {
            throw new UploadRefused(Reason.EMPTY, "The file is empty.");
        }
        if (content.length > properties.maxBytes()) {
            throw new UploadRefused(Reason.TOO_LARGE, "The file is larger than " + properties.maxBytes() + " bytes.");
        }
        String detected = tika.detect(content);
        FileType type = typeOf(detected, content);
        if (!purpose.allowed().contains(type)) {
            throw new UploadRefused(Reason.TYPE_NOT_ALLOWED, "Files of type " + type.mediaType()
                    + " are not accepted for " + purpose.name().toLowerCase(Locale.ROOT) + ".");
        }
        requireDeclaredTypeMatches(type, filename, declaredType);
        requireNoPolyglot(type, content);
        boolean scanned = scan(content);
        return new InspectedUpload(type, content.length, scanned);
    }

    /** The allowed type behind Tika's answer; zips are opened (in memory) to tell DOCX from ODT. */
    private FileType typeOf(String detected, byte[] content) {
        if (ZIP_TYPES.contains(detected)) {
            FileType inner = Containers.inspect(content, properties.zip());
            if (inner == null) {
                throw new UploadRefused(Reason.TYPE_NOT_ALLOWED, "Zip archives are accepted only as DOCX or ODT documents.");
            }
            return inner;
        }
        Optional<FileType> known = FileType.ofMediaType(detected);
        if (known.isEmpty()) {
            throw new UploadRefused(Reason.TYPE_NOT_ALLOWED, "Files of type " + safe(detected) + " are not accepted.");
        }
        return known.get();
    }

    private static void requireDeclaredTypeMatches(FileType type, @Nullable String filename, @Nullable String declared) {
        if (filename != null && !filename.isBlank()) {
            int dot = filename.lastIndexOf('.');
            String extension = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
            if (!type.extensions().contains(extension)) {
                throw new UploadRefused(Reason.TYPE_MISMATCH, "The file's content is " + type.mediaType()
                        + " but its name says ." + safe(extension) + ".");
            }
        }
        if (declared != null && !declared.isBlank() && !declared.equalsIgnoreCase("application/octet-stream")) {
            String d = declared.toLowerCase(Locale.ROOT).split(";", 2)[0].strip();
            boolean matches = d.equals(type.mediaType()) || type == FileType.TXT && (d.equals("text/csv"));
            if (!matches) {
                throw new UploadRefused(Reason.TYPE_MISMATCH, "The file's content is " + type.mediaType()
                        + " but it was declared as " + safe(d) + ".");
            }
        }
    }

    /** Refuses files that are also something else: a zip behind a PDF or image, or markup a browser would run. */
    private static void requireNoPolyglot(FileType type, byte[] content) {
        boolean zipFamily = type == FileType.DOCX || type == FileType.ODT;
        if (!zipFamily && hasZipDirectory(content)) {
            throw new UploadRefused(Reason.POLYGLOT, "The file is also a zip archive.");
        }
        if (type == FileType.PDF && !startsWith(content, "%PDF-")) {
            throw new UploadRefused(Reason.POLYGLOT, "Something precedes the PDF header.");
        }
        if (zipFamily && indexOf(content, "%PDF-".getBytes(StandardCharsets.US_ASCII), 0, Math.min(content.length, 4096)) >= 0) {
            throw new UploadRefused(Reason.POLYGLOT, "The document is also a PDF.");
        }
        int window = type == FileType.TXT ? content.length : Math.min(content.length, 1024);
        String head = new String(content, 0, window, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        for (String markup : MARKUP) {
            if (head.contains(markup)) {
                throw new UploadRefused(Reason.POLYGLOT, "The file contains web page markup.");
            }
        }
        if (type == FileType.TXT && indexOf(content, new byte[] { 0 }, 0, content.length) >= 0) {
            throw new UploadRefused(Reason.POLYGLOT, "The text file contains binary data.");
        }
    }

    private boolean scan(byte[] content) {
        VirusScanner virusScanner = scanner;
        if (virusScanner == null) {
            return false;
        }
        VirusScanner.Verdict verdict;
        try {
            verdict = virusScanner.scan(content);
        } catch (IOException e) {
            throw new UploadRefused(Reason.SCAN_FAILED, "The virus scanner did not answer; try again later.");
        }
        if (!verdict.clean()) {
            throw new UploadRefused(Reason.MALWARE, "The virus scanner found " + verdict.signature() + ".");
        }
        return true;
    }

    /** Whether a zip end-of-central-directory record sits where zip readers look for it (the last 64 KiB). */
    static boolean hasZipDirectory(byte[] content) {
        int from = Math.max(0, content.length - 65_557);
        return indexOf(content, new byte[] { 'P', 'K', 5, 6 }, from, content.length) >= 0;
    }

    private static boolean startsWith(byte[] content, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        return content.length >= p.length && indexOf(content, p, 0, p.length) == 0;
    }

    private static int indexOf(byte[] content, byte[] pattern, int from, int to) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (content[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String safe(String value) {
        String cleaned = value.replaceAll("[^A-Za-z0-9./+-]", "");
        return cleaned.length() > 60 ? cleaned.substring(0, 60) : cleaned;
    }
}
