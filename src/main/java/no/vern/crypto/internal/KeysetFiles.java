package no.vern.crypto.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;

/**
 * Loads a cleartext Tink keyset from the environment or a file, or generates one (demo and tests),
 * and writes keyset files readable by the owner only. Messages name variables and paths, never
 * key material.
 */
final class KeysetFiles {

    private static final Logger log = LoggerFactory.getLogger(KeysetFiles.class);

    private KeysetFiles() {
    }

    /**
     * A loaded keyset and where it came from.
     *
     * @param file the file it was read from (rotation writes it back), or null for the environment
     */
    record Loaded(KeysetHandle handle, @Nullable Path file) {

        @Override
        public String toString() {
            return "Loaded[keys=" + handle.size() + ", file=" + file + "]";
        }
    }

    /**
     * Loads the keyset named by {@code envName}: inline JSON first, then the file, then (if allowed)
     * the generated file under {@code generatedFile}, creating it on first start.
     */
    static Loaded load(String what, String envName, String json, String file, boolean generate, Path generatedFile,
            Supplier<KeysetHandle> generator) {
        if (!json.isBlank()) {
            return new Loaded(parse(json, what, envName), null);
        }
        if (!file.isBlank()) {
            Path path = Path.of(file).toAbsolutePath().normalize();
            return new Loaded(parse(read(path, what, envName + "_FILE"), what, envName + "_FILE"), path);
        }
        if (!generate) {
            throw new IllegalStateException("No " + what + " keyset: set " + envName + " (the Tink keyset JSON) or "
                    + envName + "_FILE (the path of a file holding it). Outside demo mode Vern never invents keys.");
        }
        Path path = generatedFile.toAbsolutePath().normalize();
        if (Files.isRegularFile(path)) {
            return new Loaded(parse(read(path, what, "the generated file"), what, path.toString()), path);
        }
        KeysetHandle generated = generator.get();
        try {
            writeNew(path, serialize(generated));
            log.info("Generated a new {} keyset in {} (demo/test only; set {} or {}_FILE in production)", what, path,
                    envName, envName);
            return new Loaded(generated, path);
        } catch (FileAlreadyExistsException raced) {
            // another process generated it at the same moment: use theirs
            return new Loaded(parse(read(path, what, "the generated file"), what, path.toString()), path);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write the generated " + what + " keyset to " + path + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** The keyset as Tink JSON (contains secret key material: only ever written to a 600 file). */
    static String serialize(KeysetHandle handle) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not serialize a keyset: " + e.getClass().getSimpleName());
        }
    }

    /** Replaces the file atomically with the new keyset, mode 600. */
    static void replace(Path path, KeysetHandle handle) throws IOException {
        Path tmp = writeTemp(path, serialize(handle));
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeNew(Path path, String content) throws IOException {
        Path tmp = writeTemp(path, content);
        try {
            Files.move(tmp, path);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path writeTemp(Path path, String content) throws IOException {
        Path dir = Objects.requireNonNull(path.toAbsolutePath().getParent());
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        Path tmp = dir.resolve("." + path.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Long.toHexString(System.nanoTime()) + ".tmp");
        if (posix) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        return tmp;
    }

    private static String read(Path path, String what, String source) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the " + what + " keyset named by " + source + " (" + path
                    + "): " + e.getClass().getSimpleName());
        }
    }

    private static KeysetHandle parse(String json, String what, String source) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            // the exception text is not shown: a parser might quote part of the input
            throw new IllegalStateException("The " + what + " keyset in " + source
                    + " is not a valid Tink JSON keyset (" + e.getClass().getSimpleName() + ")");
        }
    }
}
