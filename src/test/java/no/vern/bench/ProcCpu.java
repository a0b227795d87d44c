package no.vern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;


/**
 * CPU time of server processes read from {@code /proc} (Linux): user + system time of a process and all its live
 * descendants, plus what they have collected from children that ended ({@code cutime}, {@code cstime}), so that a
 * difference of two readings counts the work done in between even if a database backend ended meanwhile. Unlike
 * throughput, CPU time per request hardly depends on what else runs on the machine.
 */
final class ProcCpu {

    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ); 100 on every common Linux. */
    private static final double TICKS = ticks();

    private ProcCpu() {
    }

    /** CPU milliseconds of the process trees under these pids, each process counted once (0 for a gone one). */
    static double treeMillis(long... roots) {
        java.util.Set<Long> pids = new java.util.HashSet<>();
        for (long pid : roots) {
            ProcessHandle.of(pid).ifPresent(root -> {
                pids.add(root.pid());
                root.descendants().forEach(d -> pids.add(d.pid()));
            });
        }
        double total = 0;
        for (long pid : pids) {
            total += millis(pid);
        }
        return total;
    }

    /**
     * CPU milliseconds of the JIT compiler threads of a JVM ({@code C1/C2 CompilerThread…} in
     * {@code /proc/<pid>/task/<tid>/comm}): work that a measurement right after start-up pays for compiling, not for
     * the requests it serves. 0 if the process is gone.
     */
    static double compilerMillis(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        double total = 0;
        try (var threads = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) threads::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        total += statMillis(task.resolve("stat"), false);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return total;
    }

    /** The PostgreSQL postmaster's pid from its data directory, if it runs there. */
    static Optional<Long> postmaster(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static double millis(long pid) {
        try {
            return statMillis(Path.of("/proc", Long.toString(pid), "stat"), true);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double statMillis(Path statFile, boolean withChildren) throws IOException {
        String stat = Files.readString(statFile);
        // Fields after the command name (which is in parentheses and may hold spaces): state is field 3.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(f[11]);
        long stime = Long.parseLong(f[12]);
        long children = withChildren ? Long.parseLong(f[13]) + Long.parseLong(f[14]) : 0;
        return (utime + stime + children) * 1000.0 / TICKS;
    }

    private static double ticks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
