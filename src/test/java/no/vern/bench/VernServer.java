package no.vern.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Vern as the benchmarks see it: the packaged jar started as a separate process ({@code java -jar}) on loopback,
 * with a throw-away embedded PostgreSQL (or {@code VERN_DB_URL}), generated keysets and a bootstrap API token.
 * {@link #start} returns once {@code /actuator/health/readiness} answers 200 and records how long that took from
 * the moment the process was spawned: the cold-start figure. The server's own output goes to a file, never to
 * the report.
 */
final class VernServer implements AutoCloseable {

    private final Process process;
    private final String baseUrl;
    private final int databasePort;
    private final double secondsToReady;
    private final double cpuSecondsToReady;
    private final Path log;
    private final Path databaseDir;

    private VernServer(Process process, String baseUrl, int databasePort, double secondsToReady,
            double cpuSecondsToReady, Path log, Path databaseDir) {
        this.databaseDir = databaseDir;
        this.process = process;
        this.baseUrl = baseUrl;
        this.databasePort = databasePort;
        this.secondsToReady = secondsToReady;
        this.cpuSecondsToReady = cpuSecondsToReady;
        this.log = log;
    }

    static VernServer start(Path jar, Path work, String token, List<String> jvmOptions, boolean externalDb)
            throws Exception {
        int port = freePort();
        int databasePort = externalDb ? 0 : freePort();
        Path log = work.resolve("server.log");
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        command.add("--vern.base-url=http://localhost:" + port);
        command.add("--vern.db.embedded.data-dir=" + work.resolve("postgres"));
        command.add("--vern.db.embedded.work-dir=" + Path.of("target/pg-bin").toAbsolutePath());
        command.add("--vern.db.embedded.clean=true");
        command.add("--vern.db.embedded.port=" + databasePort);
        command.add("--vern.data-dir=" + work.resolve("data"));
        // All beacon requests come from 127.0.0.1: lift the per-source limit (600/min) for the run.
        command.add("--vern.website.beacon-per-minute=100000000");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("VERN_BOOTSTRAP_API_TOKEN", token);
        env.put("VERN_DEMO", "false");
        env.put("VERN_KEYS_GENERATE", "true");
        env.put("VERN_KEYS_DIR", work.resolve("keys").toString());
        // The webhook benchmark's subscribers listen on loopback (a server setting, never allowed from the API).
        env.put("VERN_WEBHOOKS_ALLOW_LOOPBACK", "true");
        long start = System.nanoTime();
        Process process = builder.start();
        // Ctrl-C or a failure of the harness must not leave the server (and its database) running.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "bench-server-stop"));
        String baseUrl = "http://localhost:" + port;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        int timeout = Integer.getInteger("vern.bench.start-timeout", 300);
        long deadline = start + TimeUnit.SECONDS.toNanos(timeout);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Vern exited with " + process.exitValue() + " before it was ready; "
                        + "see " + log + ":\n" + tail(log));
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("Vern was not ready within " + timeout + " s; see " + log);
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = cpuSeconds(process.toHandle());
        return new VernServer(process, baseUrl, databasePort, seconds, cpu, log, work.resolve("postgres"));
    }

    /**
     * Wall and CPU seconds of a trivial Spring-less JVM ({@link TrivialJvm}, same {@code java}, same class path
     * mechanism) from spawn to exit: the baseline of the cold start.
     */
    static double[] jvmStart() throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                TrivialJvm.class.getName()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu;
        try {
            cpu = Double.parseDouble(output);
        } catch (NumberFormatException e) {
            cpu = Double.NaN;
        }
        return new double[] { wall, cpu };
    }

    /** CPU seconds (user + system) the process has used so far, or NaN where the OS does not say. */
    static double cpuSeconds(ProcessHandle handle) {
        return handle.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    int databasePort() {
        return databasePort;
    }

    double secondsToReady() {
        return secondsToReady;
    }

    /** CPU seconds the server JVM used until ready (not counting the database's own processes). */
    double cpuSecondsToReady() {
        return cpuSecondsToReady;
    }

    Path log() {
        return log;
    }

    /**
     * CPU milliseconds so far of the server JVM and of its embedded PostgreSQL (postmaster and backends, found
     * through the data directory's {@code postmaster.pid}); with an external database only the JVM's.
     */
    /** CPU milliseconds of the JVM's JIT compiler threads (part of {@link #cpuMillis()}). */
    double compilerMillis() {
        return ProcCpu.compilerMillis(process.pid());
    }

    double cpuMillis() {
        return ProcCpu.postmaster(databaseDir).map(pg -> ProcCpu.treeMillis(process.pid(), pg))
                .orElseGet(() -> ProcCpu.treeMillis(process.pid()));
    }

    /** CPU milliseconds so far of the embedded PostgreSQL alone (part of {@link #cpuMillis()}; 0 with an external one). */
    double databaseCpuMillis() {
        return ProcCpu.postmaster(databaseDir).map(pg -> ProcCpu.treeMillis(pg)).orElse(0.0);
    }

    /** Whether {@link #cpuMillis()} includes the database (the embedded one). */
    boolean databaseCpuCounted() {
        return ProcCpu.postmaster(databaseDir).isPresent();
    }

    /** The server JVM's process id (for jcmd). */
    long pid() {
        return process.pid();
    }

    /** Graceful stop (Spring's shutdown stops the embedded database too), forced after a minute. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
