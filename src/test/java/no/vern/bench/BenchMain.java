package no.vern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarFile;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import no.vern.VernApplication;

/**
 * The benchmark harness of issue 13, started by {@code bench/run.sh}: starts the packaged Vern as a separate
 * process on a throw-away embedded PostgreSQL (or {@code VERN_DB_URL}) and measures its cold start, opens an
 * in-process Vern context on the same database (for loading and for the in-process baselines), loads a synthetic
 * register, runs every registered {@link Benchmark} and prints one line per figure,
 * {@code name: value unit (baseline name: value unit) = ratio}, plus a JSON file with the same figures. Every
 * figure's baseline is measured in the same run on the same database, because the machine is shared and noisy.
 *
 * <p>Settings (system properties): {@code vern.bench.subjects} (100000), {@code vern.bench.threads} (4),
 * {@code vern.bench.seconds} (10), {@code vern.bench.warmup} (3), {@code vern.bench.max-requests} (200000),
 * {@code vern.bench.rounds} (2), {@code vern.bench.jar}, {@code vern.bench.work}, {@code vern.bench.out},
 * {@code vern.bench.server-opts} (extra JVM options of the server, e.g. a JFR recording), {@code vern.bench.only}
 * (comma-separated benchmark names).
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** The figures of issue 13, in report order. */
    static List<Benchmark> benchmarks() {
        return List.of(
                new RequestPathBenchmark(),
                new ConsentCheckBenchmark(),
                // 1M addresses for the default 100,000 subjects (the figure), proportionally fewer in --quick.
                new EligibilityApiBenchmark(Integer.getInteger("vern.bench.eligibility-emails",
                        Math.min(1_000_000, 10 * Integer.getInteger("vern.bench.subjects", 100_000))),
                        Integer.getInteger("vern.bench.eligibility-seconds", 240)),
                new RegisterWriteBenchmark(Integer.getInteger("vern.bench.register-writes", 200)),
                new ErasureBenchmark(),
                new AccessExportBenchmark(),
                new AuditAppendBenchmark(Integer.getInteger("vern.bench.audit-rows", 2000)),
                new RetentionPurgeBenchmark(Integer.getInteger("vern.bench.purge-subjects", 500),
                        Integer.getInteger("vern.bench.purge-priming", 250)),
                new BeaconIngestBenchmark(),
                new WebhookFanOutBenchmark());
    }

    public static void main(String[] args) throws Exception {
        int subjects = Integer.getInteger("vern.bench.subjects", 100_000);
        int threads = Integer.getInteger("vern.bench.threads", 4);
        int rounds = Integer.getInteger("vern.bench.rounds", 2);
        Load load = new Load(threads, Duration.ofSeconds(Integer.getInteger("vern.bench.warmup", 3)),
                Duration.ofSeconds(Integer.getInteger("vern.bench.seconds", 10)),
                Integer.getInteger("vern.bench.max-requests", 200_000));
        Path jar = Path.of(System.getProperty("vern.bench.jar", "target/vern.jar")).toAbsolutePath();
        Path work = Path.of(System.getProperty("vern.bench.work", "target/bench-work")).toAbsolutePath();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .format(Instant.now());
        Path out = Path.of(System.getProperty("vern.bench.out", "bench/results/" + stamp + ".json"));
        String only = System.getProperty("vern.bench.only", "");
        String externalDb = System.getenv().getOrDefault("VERN_DB_URL", "");
        Files.createDirectories(work);

        Map<String, Object> machine = machine();
        say("Vern benchmark " + stamp + ": " + subjects + " subjects; " + machine);
        List<Figure> figures = new ArrayList<>();
        Map<String, Object> loadInfo = new LinkedHashMap<>();

        // Cold start, and its baseline: a trivial Spring-less JVM start, median of three, measured just before.
        List<Double> jvm = new ArrayList<>();
        List<Double> jvmCpu = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            double[] start = VernServer.jvmStart();
            jvm.add(start[0]);
            jvmCpu.add(start[1]);
        }
        Collections.sort(jvm);
        Collections.sort(jvmCpu);
        String token = "bench-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        List<String> jvmOptions = new ArrayList<>(Arrays.asList(
                System.getProperty("vern.bench.server-opts", "").trim().split("\\s+")));
        jvmOptions.removeIf(String::isBlank);
        say("Starting Vern (" + jar.getFileName() + ") on " + (externalDb.isBlank() ? "a throw-away embedded PostgreSQL"
                : "VERN_DB_URL") + " ...");
        // The CDS archive of the extracted jar (./mvnw -Pcds package, issue 28 item 9) is Vern's own: only Vern's JVM
        // uses it, the plain app and the trivial JVM keep the JDK's default archive.
        String cds = System.getProperty("vern.bench.cds-archive", "").trim();
        List<String> vernOptions = new ArrayList<>(jvmOptions);
        if (!cds.isBlank()) {
            vernOptions.add("-XX:SharedArchiveFile=" + Path.of(cds).toAbsolutePath());
        }
        // The -Pcds build is also processed by Spring AOT (bean definitions as generated code); the README runs it so.
        boolean aot = aotProcessed(jar);
        if (aot) {
            vernOptions.add("-Dspring.aot.enabled=true");
        }
        try (VernServer server = VernServer.start(jar, work, token, vernOptions, !externalDb.isBlank())) {
            figures.add(Figure.of("cold start ready", server.secondsToReady(), "s", "trivial JVM start to exit",
                    jvm.get(1), false, "java -jar on an empty database: initdb, migrations, keys; "
                            + (cds.isBlank() ? "without a CDS archive" : "with the CDS archive " + Path.of(cds).getFileName())
                            + (aot ? ", Spring AOT" : "")
                            + "; goal < 15 s"));
            figures.add(Figure.of("cold start CPU time of the server JVM", server.cpuSecondsToReady(), "s",
                    "trivial JVM CPU time", jvmCpu.get(1), false,
                    "user+system until ready, the database's processes not counted; steadier than wall time under load"));
            figures.forEach(f -> say(f.line()));
            say("Opening an in-process Vern context on the same database (loader and in-process baselines) ...");
            try (ConfigurableApplicationContext app = inProcess(server, work, externalDb);
                    BenchContext.Plain plain = new BenchContext.Plain(work, jvmOptions)) {
                BenchContext context = new BenchContext(server, token, app, subjects, load, rounds,
                        BenchContext.newHttpClient(), plain);
                say("Loading " + subjects + " synthetic subjects (bounded fast path: the app's cipher and blind index,"
                        + " batched inserts) ...");
                SyntheticRegister register = new SyntheticRegister(context);
                List<Benchmark> selected = benchmarks().stream()
                        .filter(b -> only.isBlank() || Arrays.asList(only.split(",")).contains(b.name())).toList();
                // The purge's small figure is taken at a tenth of the register (issue 28 item 8: 500 due among 10k
                // against 500 due among 100k in a full run): load a tenth, measure, then load the rest.
                RetentionPurgeBenchmark purge = selected.stream().filter(RetentionPurgeBenchmark.class::isInstance)
                        .map(RetentionPurgeBenchmark.class::cast).findFirst().orElse(null);
                int first = 0;
                SyntheticRegister.Loaded loaded = null;
                if (purge != null && subjects >= 10) {
                    first = subjects / 10;
                    loaded = register.load(0, first, 3, externalDb.isBlank(), BenchMain::say);
                    say("-- retention purge (small register: " + first + " subjects)");
                    try {
                        purge.small(context, first);
                    } catch (Exception e) {
                        say("retention purge small register: FAILED: " + e.getMessage());
                        e.printStackTrace();
                    }
                }
                SyntheticRegister.Loaded rest = register.load(first, subjects, 3, externalDb.isBlank(), BenchMain::say);
                loaded = loaded == null ? rest : new SyntheticRegister.Loaded(loaded.subjects() + rest.subjects(),
                        loaded.rows() + rest.rows(), loaded.seconds() + rest.seconds(), rest.threads());
                register.verify();
                say(String.format(Locale.ROOT, "Loaded %,d subjects (%,d rows) in %.1f s = %.0f subjects/s",
                        loaded.subjects(), loaded.rows(), loaded.seconds(), loaded.subjectsPerSecond()));
                loadInfo.put("subjects", loaded.subjects());
                loadInfo.put("rows", loaded.rows());
                loadInfo.put("seconds", round(loaded.seconds()));
                loadInfo.put("subjectsPerSecond", round(loaded.subjectsPerSecond()));
                loadInfo.put("threads", loaded.threads());
                for (Benchmark benchmark : selected) {
                    say("-- " + benchmark.name());
                    try {
                        for (Figure f : benchmark.run(context)) {
                            figures.add(f);
                            say(f.line());
                        }
                    } catch (Exception e) {
                        Figure failed = Figure.skipped(benchmark.name(), "FAILED: " + e.getMessage());
                        figures.add(failed);
                        say(failed.line());
                        e.printStackTrace();
                    }
                }
            }
            say("Stopping Vern (server log: " + server.log() + ") ...");
        }
        machine.put("loadAverageAtEnd", loadAverage());
        say("");
        say("Summary:");
        figures.forEach(f -> say("  " + f.line()));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json(stamp, subjects, machine, loadInfo, load, rounds, figures));
        say("Results written to " + out);
    }

    private static ConfigurableApplicationContext inProcess(VernServer server, Path work, String externalDb) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--vern.demo.mode=false", "--vern.bootstrap.api-token=", "--vern.bootstrap.admin-password=",
                "--vern.keys.generate-missing=true", "--vern.keys.directory=" + work.resolve("keys"),
                "--vern.data-dir=" + work.resolve("loader-data"), "--logging.level.root=WARN",
                "--logging.level.no.vern=WARN", "--spring.main.banner-mode=off",
                // One node delivers webhooks (the server); this context only loads and reads.
                "--vern.webhooks.run-in-background=false"));
        if (externalDb.isBlank()) {
            args.add("--vern.db.url=jdbc:postgresql://localhost:" + server.databasePort() + "/postgres");
            args.add("--vern.db.user=postgres");
            args.add("--vern.db.password=");
        } else {
            args.add("--vern.db.url=" + externalDb);
            args.add("--vern.db.user=" + System.getenv().getOrDefault("VERN_DB_USER", ""));
            args.add("--vern.db.password=" + System.getenv().getOrDefault("VERN_DB_PASSWORD", ""));
        }
        return new SpringApplicationBuilder(VernApplication.class).run(args.toArray(String[]::new));
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Whether the jar holds Spring AOT's generated initializer (the {@code cds} build), as a plain or a Boot jar. */
    private static boolean aotProcessed(Path jar) throws IOException {
        String initializer = VernApplication.class.getName().replace('.', '/') + "__ApplicationContextInitializer.class";
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry(initializer) != null || file.getEntry("BOOT-INF/classes/" + initializer) != null;
        }
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", firstMatch(Path.of("/proc/cpuinfo"), "model name"));
        String mem = firstMatch(Path.of("/proc/meminfo"), "MemTotal");
        m.put("memory", mem);
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("loadAverageAtStart", loadAverage());
        return m;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String firstMatch(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static String json(String stamp, int subjects, Map<String, Object> machine, Map<String, Object> loadInfo,
            Load load, int rounds, List<Figure> figures) {
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"timestamp\": ").append(quote(stamp)).append(",\n");
        s.append("  \"subjects\": ").append(subjects).append(",\n");
        s.append("  \"machine\": ").append(object(machine)).append(",\n");
        s.append("  \"load\": ").append(object(loadInfo)).append(",\n");
        s.append("  \"shape\": ").append(quote(load.describe() + ", " + rounds + " round(s)")).append(",\n");
        s.append("  \"figures\": [\n");
        for (int i = 0; i < figures.size(); i++) {
            Figure f = figures.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("skipped", f.isSkipped());
            m.put("value", f.value() == null ? null : round(f.value()));
            m.put("unit", f.unit());
            m.put("baselineName", f.baselineName());
            m.put("baseline", f.baseline() == null ? null : round(f.baseline()));
            m.put("baselineUnit", f.baselineUnit());
            m.put("ratio", f.ratio() == null ? null : round(f.ratio()));
            m.put("higherIsBetter", f.higherIsBetter());
            m.put("note", f.note());
            m.put("line", f.line());
            s.append("    ").append(object(m)).append(i + 1 < figures.size() ? ",\n" : "\n");
        }
        return s.append("  ]\n}\n").toString();
    }

    private static String object(Map<String, Object> m) {
        StringBuilder s = new StringBuilder("{");
        m.forEach((k, v) -> {
            if (s.length() > 1) {
                s.append(", ");
            }
            s.append(quote(k)).append(": ");
            if (v == null) {
                s.append("null");
            } else if (v instanceof Number || v instanceof Boolean) {
                s.append(v);
            } else {
                s.append(quote(v.toString()));
            }
        });
        return s.append('}').toString();
    }

    private static String quote(String v) {
        StringBuilder s = new StringBuilder("\"");
        for (char ch : v.toCharArray()) {
            switch (ch) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                default -> {
                    if (ch < 0x20) {
                        s.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        s.append(ch);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
