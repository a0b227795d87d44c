package no.vern.crypto.backup;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.util.EnumSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.google.crypto.tink.StreamingAead;

import no.vern.crypto.BackupRefused;

/**
 * One backup file: a first line anyone can read (which backup, which part and file, when it was taken
 * and when it expires), then the contents encrypted under the backup key with that line as associated
 * data, so a changed expiry, a renamed file or a file moved from another backup fails authentication.
 * Files are created owner-only (0600) with the permission given at creation, never widened later, and
 * their directories 0700.
 */
final class BackupFile {

    /** What marks a Vern backup file of this format; the header line starts with it. */
    static final String MAGIC = "VERN-BACKUP-2";
    private static final int MAX_HEADER = 512;
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.:+-]{1,100}");

    private BackupFile() {
    }

    /**
     * The authenticated header.
     *
     * @param backup the backup's id (both parts carry the same one)
     * @param part {@code database} or {@code keys}
     * @param file the file's own name
     * @param takenAt when the database snapshot was taken
     * @param expiresAt from when the restore refuses the backup
     */
    record Header(UUID backup, String part, String file, Instant takenAt, Instant expiresAt) {

        Header {
            if (!VALUE.matcher(part).matches() || !VALUE.matcher(file).matches()) {
                throw new IllegalArgumentException("Backup part and file names are plain words");
            }
        }

        Header forFile(String name) {
            return new Header(backup, part, name, takenAt, expiresAt);
        }

        byte[] line() {
            return (MAGIC + " backup=" + backup + " part=" + part + " file=" + file + " taken=" + takenAt
                    + " expires=" + expiresAt + "\n").getBytes(StandardCharsets.US_ASCII);
        }

        static Header parse(String line) {
            String[] words = line.strip().split(" ");
            if (words.length == 0 || !MAGIC.equals(words[0])) {
                throw new BackupRefused("Not a Vern backup file of format " + MAGIC);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 1; i < words.length; i++) {
                int eq = words[i].indexOf('=');
                if (eq > 0) {
                    fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
                }
            }
            try {
                return new Header(UUID.fromString(require(fields, "backup")), require(fields, "part"),
                        require(fields, "file"), Instant.parse(require(fields, "taken")),
                        Instant.parse(require(fields, "expires")));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new BackupRefused("The header of a backup file is damaged");
            }
        }

        private static String require(Map<String, String> fields, String name) {
            String value = fields.get(name);
            if (value == null) {
                throw new BackupRefused("The header of a backup file is damaged (no " + name + ")");
            }
            return value;
        }
    }

    /** Creates a directory (and missing parents) owner-only, 0700. */
    static void createDirectory(Path dir) throws IOException {
        if (posix(dir.toAbsolutePath().getFileSystem())) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /**
     * Creates {@code dir/header.file()} owner-only (it must not exist: a backup never writes into another
     * one), writes the header line, and returns the stream that encrypts what is written after it.
     */
    static OutputStream create(Path dir, Header header, StreamingAead aead) throws IOException {
        Path file = dir.resolve(header.file());
        FileAttribute<?>[] ownerOnly = posix(file.toAbsolutePath().getFileSystem())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        OutputStream out = Channels.newOutputStream(Files.newByteChannel(file,
                EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly));
        try {
            byte[] line = header.line();
            out.write(line);
            return aead.newEncryptingStream(out, line);
        } catch (GeneralSecurityException e) {
            out.close();
            throw new IOException("Could not start encrypting a backup file", e);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Reads the header line without authenticating it (what the file says; {@link #open} authenticates). */
    static Header header(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Header.parse(new String(readLine(in), StandardCharsets.US_ASCII));
        }
    }

    /**
     * Opens {@code dir/name} for reading: the header must name this file, this part and, if given, this
     * backup; the contents are decrypted and authenticated (with the header) as they are read, so a read
     * fails with {@link java.io.IOException} on a wrong key or an altered byte.
     */
    static Opened open(Path dir, String name, String part, StreamingAead aead) throws IOException {
        InputStream in = Files.newInputStream(dir.resolve(name));
        try {
            byte[] line = readLine(in);
            Header header = Header.parse(new String(line, StandardCharsets.US_ASCII));
            if (!header.file().equals(name) || !header.part().equals(part)) {
                throw new BackupRefused("The backup file " + name + " belongs elsewhere (its header names "
                        + header.part() + "/" + header.file() + ")");
            }
            return new Opened(header, aead.newDecryptingStream(in, line));
        } catch (GeneralSecurityException e) {
            in.close();
            throw new IOException("Could not start decrypting a backup file", e);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads a whole (small) file, which authenticates its header and contents; refused if that fails. */
    static Read readAll(Path dir, String name, String part, StreamingAead aead) {
        try (Opened opened = open(dir, name, part, aead)) {
            return new Read(opened.header(), opened.in().readAllBytes());
        } catch (IOException e) {
            throw new BackupRefused("The backup file " + name + " cannot be decrypted with this backup key: the key "
                    + "is not the one it was written with, or the file (or its header) was altered");
        }
    }

    /**
     * A whole file, read and authenticated.
     *
     * @param header its header, authentic
     * @param bytes its decrypted contents
     */
    record Read(Header header, byte[] bytes) {
    }

    /**
     * An opened file.
     *
     * @param header its header (authenticated once the stream has been read to the end)
     * @param in the decrypted contents
     */
    record Opened(Header header, InputStream in) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0 || line.size() > MAX_HEADER) {
                throw new BackupRefused("Not a Vern backup file of format " + MAGIC + " (no header line)");
            }
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
    }

    private static boolean posix(FileSystem fs) {
        return fs.supportedFileAttributeViews().contains("posix");
    }
}
