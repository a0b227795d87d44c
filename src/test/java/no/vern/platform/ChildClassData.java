package no.vern.platform;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class path of Vern's child JVMs ({@link VernProcess}) and one class data sharing archive for all of them (issue 22,
 * item 5: the fault, crash and high-availability tests start Vern about fifteen times in a build).
 *
 * <p>JDK 17 archives classes from jar files only and refuses a class path with a non-empty directory, so Vern's classes
 * and the test classes are copied into two jars once per test JVM ({@code target/child-jvm/}). The first child is
 * started with {@code -XX:+RecordDynamicDumpInfo}; once it is ready, {@code jcmd VM.cds dynamic_dump} writes the classes it
 * loaded to an archive, before the test sends it anything. Every later child maps that archive
 * ({@code -XX:SharedArchiveFile}) instead of loading, parsing and verifying the same 12,000–15,000 classes again. A
 * child that cannot use the archive (a mismatch, a JDK without it) starts as before: the JVM then only warns.
 * Nothing here changes what the child runs: the same classes, resources and settings, in the same order.
 * {@code -Dvern.test.child-cds=false} starts every child without an archive.
 */
final class ChildClassData {

    private static final Logger log = LoggerFactory.getLogger(ChildClassData.class);
    private static final Path DIRECTORY = Path.of("target/child-jvm").toAbsolutePath();
    private static @Nullable ChildClassData instance;

    private final String classpath;
    private final Path archive;
    private final @Nullable Path jcmd;
    private State state;

    private enum State {
        /** No archive yet: the next child records what it loads. */
        NONE,
        /** A child is recording; the others start without the archive. */
        RECORDING,
        /** The archive is written: every child maps it. */
        READY,
        /** The dump failed or cannot be made here: children start without an archive. */
        OFF
    }

    private ChildClassData(String classpath, Path archive, @Nullable Path jcmd) {
        this.classpath = classpath;
        this.archive = archive;
        this.jcmd = jcmd;
        this.state = jcmd == null ? State.OFF : State.NONE;
    }

    /** The one per test JVM; the first call writes the class jars (a second or two). */
    static synchronized ChildClassData get() {
        if (instance == null) {
            instance = create();
        }
        return instance;
    }

    private static ChildClassData create() {
        Path list = Path.of("target/runtime-classpath.txt");
        if (!Files.exists(list)) {
            throw new IllegalStateException(list + " is missing: run the tests through Maven (its"
                    + " generate-test-resources phase writes the application's runtime classpath)");
        }
        try {
            deleteRecursively(DIRECTORY); // an earlier test JVM's jars and archive, made from other classes
            Path own = DIRECTORY.resolve(Long.toString(ProcessHandle.current().pid()));
            Files.createDirectories(own);
            Path classes = jar(Path.of("target/classes"), own.resolve("classes.jar"));
            Path testClasses = jar(Path.of("target/test-classes"), own.resolve("test-classes.jar"));
            String classpath = String.join(File.pathSeparator, classes.toString(), testClasses.toString(),
                    Files.readString(list).strip());
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            // -Dvern.test.child-cds=false: children without the archive (to compare, or to rule it out).
            boolean dumpable = Runtime.version().feature() >= 17 && Files.isExecutable(jcmd)
                    && !"false".equals(System.getProperty("vern.test.child-cds"));
            return new ChildClassData(classpath, own.resolve("vern.jsa"), dumpable ? jcmd : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The child's class path: Vern's classes, the test classes and resources (the test configuration and the canary log
     * appender), in that order as before, and the application's runtime dependencies only, as maven-dependency-plugin
     * lists them (pom.xml); never the test JVM's own classpath, so a library the packaged jar lacks fails here as it
     * would in production.
     */
    String classpath() {
        return classpath;
    }

    /** The class data sharing options of the next child; {@link #started} must follow when it is ready. */
    synchronized Launch launch() {
        return switch (state) {
            case NONE -> {
                state = State.RECORDING;
                // The dump's own warnings (classes it leaves out: proxies, lambdas, failed verification) are not
                // Vern's; errors still reach the child's log.
                yield new Launch(List.of("-XX:+RecordDynamicDumpInfo", "-Xlog:cds*=error"), true);
            }
            case READY -> new Launch(List.of("-XX:SharedArchiveFile=" + archive), false);
            case RECORDING, OFF -> new Launch(List.of(), false);
        };
    }

    /**
     * Called once the child of {@code launch} is ready and before it is used, or with {@code null} when it never became
     * ready: the recording child dumps its classes (it is paused while it writes, a few seconds, and runs on unchanged);
     * if it failed to start, the next child records instead.
     */
    void started(Launch launch, @Nullable Process child) throws InterruptedException {
        if (!launch.records()) {
            return;
        }
        State next = State.NONE;
        if (child != null) {
            next = State.OFF;
            try {
                Process dump = new ProcessBuilder(String.valueOf(jcmd), Long.toString(child.pid()), "VM.cds",
                        "dynamic_dump", archive.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!dump.waitFor(3, TimeUnit.MINUTES)) {
                    dump.destroyForcibly();
                } else if (dump.exitValue() == 0 && Files.isRegularFile(archive) && Files.size(archive) > 0) {
                    next = State.READY;
                }
            } catch (IOException e) {
                log.warn("No class data archive for the child JVMs: {}", e.getClass().getSimpleName());
            }
            if (next == State.OFF) {
                log.warn("No class data archive for the child JVMs: jcmd could not write it; they start without one");
            }
        }
        synchronized (this) {
            state = next;
        }
    }

    /** One child's options; {@code records} when it is the child whose classes become the archive. */
    record Launch(List<String> options, boolean records) {

        /** How this child loads its classes, in words for the test output. */
        String describe() {
            return records ? "recording the class data archive"
                    : options.isEmpty() ? "without a class data archive" : "with the class data archive";
        }
    }

    private static Path jar(Path directory, Path jar) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        Set<String> directories = new HashSet<>();
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            zip.setLevel(0); // no compression: the child reads the classes once, the jar lives for one test JVM
            for (Path file : files) {
                String name = directory.relativize(file).toString().replace(File.separatorChar, '/');
                // Directory entries before their files, as the jar tool writes them: class-path scanning (component
                // scan, Flyway's migrations) lists a package through its directory entry.
                for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                    String parent = name.substring(0, slash + 1);
                    if (directories.add(parent)) {
                        zip.putNextEntry(new JarEntry(parent));
                        zip.closeEntry();
                    }
                }
                zip.putNextEntry(new JarEntry(name));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
