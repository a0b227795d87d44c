package no.vern.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak run (issue 14, item 7; {@code bench/soak.sh}, not in CI): Vern as a separate process on loopback
 * ({@link VernServer}, throw-away embedded PostgreSQL) under a bounded mixed load for a number of minutes, from a
 * few closed-loop client threads: consent checks, subject create/read/erase through the API, eligibility checks,
 * statistics beacons, public page GETs and privacy-center GETs. It reports errors (any answer other than the one
 * expected for the operation; the run fails if there is one), p99 latency per minute and its drift from the
 * first to the last minute, and the server's heap used after a forced GC at the start and at the end
 * ({@code jcmd <pid> GC.run} then {@code GC.heap_info}). Only counts, statuses and timings are reported: the
 * invented people's data never leaves the run.
 *
 * <p>Settings (system properties): {@code vern.soak.minutes} (10), {@code vern.soak.threads} (4),
 * {@code vern.bench.jar}, {@code vern.bench.work}, {@code vern.bench.out}.
 */
public final class Soak {

    /** The operations of the mix, each with the status that counts as success. */
    enum Op {
        CONSENT_CHECK(200), SUBJECT_CREATE(201), SUBJECT_READ(200), SUBJECT_ERASE(204), ELIGIBILITY(200),
        BEACON(204), PUBLIC_PAGE(200), PRIVACY_CENTER(200);

        final int expected;

        Op(int expected) {
            this.expected = expected;
        }
    }

    /** One call per slot, in this order, over and over: two consent checks and two beacons per round of ten. */
    private static final Op[] MIX = { Op.CONSENT_CHECK, Op.SUBJECT_CREATE, Op.PUBLIC_PAGE, Op.BEACON,
            Op.SUBJECT_READ, Op.CONSENT_CHECK, Op.ELIGIBILITY, Op.PRIVACY_CENTER, Op.BEACON, Op.SUBJECT_ERASE };
    private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private static final String[] PUBLIC_PAGES = { "/personvern", "/privacy", "/personvern/avvik" };
    private static final String[] CENTER_PAGES = { "/personvern/rettigheter", "/privacy/rights" };

    private final String base;
    private final String token;
    private final HttpClient http = BenchContext.newHttpClient();
    private final ConcurrentLinkedQueue<String> toRead = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> toErase = new ConcurrentLinkedQueue<>();
    private final AtomicLong serial = new AtomicLong();
    private final Map<Op, AtomicLong> errorsByOp = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    private final AtomicLong errors = new AtomicLong();

    private Soak(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        int minutes = Integer.getInteger("vern.soak.minutes", 10);
        int threads = Integer.getInteger("vern.soak.threads", 4);
        Path jar = Path.of(System.getProperty("vern.bench.jar", "target/vern-0.1.0-SNAPSHOT.jar"));
        Path work = Path.of(System.getProperty("vern.bench.work", "target/soak-work")).toAbsolutePath();
        String stamp = System.getProperty("vern.soak.stamp",
                DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now()));
        Path out = Path.of(System.getProperty("vern.bench.out", "bench/results/soak-" + stamp + ".json"));
        Files.createDirectories(work);
        String token = "soak-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        say("Vern soak " + stamp + ": " + minutes + " min, " + threads + " client threads, mix " + Arrays.toString(MIX));
        int status;
        try (VernServer server = VernServer.start(jar, work, token, List.of("-Xmx1g"), false)) {
            say(String.format(Locale.ROOT, "Vern ready in %.1f s (pid %d, log %s)", server.secondsToReady(), server.pid(),
                    server.log()));
            Soak soak = new Soak(server.baseUrl(), token);
            soak.warmUp();
            double heapStart = heapUsedAfterGc(server.pid());
            say(String.format(Locale.ROOT, "Heap used after GC at start: %.1f MB", heapStart));
            Map<String, Object> result = soak.run(minutes, threads);
            double heapEnd = heapUsedAfterGc(server.pid());
            say(String.format(Locale.ROOT, "Heap used after GC at end: %.1f MB", heapEnd));
            Map<String, Object> heap = new LinkedHashMap<>();
            heap.put("startUsedMb", round(heapStart));
            heap.put("endUsedMb", round(heapEnd));
            heap.put("growthMb", round(heapEnd - heapStart));
            heap.put("method", "jcmd <pid> GC.run, then GC.heap_info (used)");
            // Server-side errors are reported by count only (the log stays in the work directory with --keep).
            long serverErrors;
            try (var lines = Files.lines(server.log())) {
                serverErrors = lines.filter(l -> l.contains(" ERROR ")).count();
            }
            say("Server log lines at ERROR level: " + serverErrors);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("stamp", stamp);
            report.put("minutes", minutes);
            report.put("threads", threads);
            report.put("cores", Runtime.getRuntime().availableProcessors());
            report.put("secondsToReady", round(server.secondsToReady()));
            report.putAll(result);
            report.put("heap", heap);
            report.put("serverLogErrorLines", serverErrors);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, json(report, 0) + "\n");
            long errorCount = soak.errors.get();
            say("Errors: " + errorCount + (errorCount == 0 ? "" : " " + soak.errorsByOp + " e.g. "
                    + soak.errorSamples.stream().limit(10).toList()));
            say("Written to " + out);
            status = errorCount == 0 ? 0 : 1;
        }
        System.exit(status);
    }

    /** A few calls of each kind before the heap is measured, so that the start figure is not of a cold server. */
    private void warmUp() throws Exception {
        for (int i = 0; i < 50; i++) {
            for (Op op : MIX) {
                call(op);
            }
        }
        if (errors.get() > 0) {
            throw new IllegalStateException("the warm-up already failed: " + errorSamples);
        }
    }

    private Map<String, Object> run(int minutes, int threads) throws Exception {
        long start = System.nanoTime();
        long end = start + TimeUnit.MINUTES.toNanos(minutes);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Map<Integer, Map<Op, long[]>>>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            workers.add(pool.submit(() -> {
                // Per minute, per operation: latencies in nanoseconds (first slot = count).
                Map<Integer, Map<Op, long[]>> mine = new LinkedHashMap<>();
                for (long i = offset; System.nanoTime() < end; i++) {
                    Op op = MIX[(int) (i % MIX.length)];
                    long t0 = System.nanoTime();
                    Op done = call(op);
                    long t1 = System.nanoTime();
                    int minute = (int) ((t0 - start) / TimeUnit.MINUTES.toNanos(1));
                    long[] list = mine.computeIfAbsent(minute, m -> new LinkedHashMap<>())
                            .computeIfAbsent(done, o -> new long[1025]);
                    if (list[0] + 1 == list.length) {
                        list = Arrays.copyOf(list, list.length * 2);
                        mine.get(minute).put(done, list);
                    }
                    list[(int) ++list[0]] = t1 - t0;
                }
                return mine;
            }));
        }
        Map<Integer, Map<Op, List<long[]>>> all = new java.util.TreeMap<>();
        for (Future<Map<Integer, Map<Op, long[]>>> w : workers) {
            w.get().forEach((minute, byOp) -> byOp.forEach((op, list) -> all.computeIfAbsent(minute,
                    m -> new java.util.EnumMap<>(Op.class)).computeIfAbsent(op, o -> new ArrayList<>()).add(list)));
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;

        List<Map<String, Object>> perMinute = new ArrayList<>();
        Map<Op, List<long[]>> perOp = new java.util.EnumMap<>(Op.class);
        long calls = 0;
        for (var e : all.entrySet()) {
            long[] minuteAll = merge(e.getValue().values().stream().flatMap(List::stream).toList());
            calls += minuteAll.length;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("minute", e.getKey() + 1);
            m.put("calls", minuteAll.length);
            m.put("p50Ms", round(percentile(minuteAll, 0.50)));
            m.put("p99Ms", round(percentile(minuteAll, 0.99)));
            perMinute.add(m);
            say(String.format(Locale.ROOT, "minute %d: %,d calls, p50 %.1f ms, p99 %.1f ms", e.getKey() + 1,
                    minuteAll.length, percentile(minuteAll, 0.50), percentile(minuteAll, 0.99)));
            e.getValue().forEach((op, lists) -> perOp.computeIfAbsent(op, o -> new ArrayList<>()).addAll(lists));
        }
        Map<String, Object> ops = new LinkedHashMap<>();
        perOp.forEach((op, lists) -> {
            long[] merged = merge(lists);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("calls", merged.length);
            o.put("errors", errorsByOp.getOrDefault(op, new AtomicLong()).get());
            o.put("p50Ms", round(percentile(merged, 0.50)));
            o.put("p99Ms", round(percentile(merged, 0.99)));
            ops.put(op.name().toLowerCase(Locale.ROOT).replace('_', '-'), o);
        });
        // The last minute may be a sliver (the run ends mid-minute): the drift compares whole minutes only.
        List<Map<String, Object>> whole = perMinute.stream().filter(m -> (int) m.get("minute") <= Math.max(1,
                (int) Math.floor(seconds / 60))).toList();
        double first = (double) whole.get(0).get("p99Ms");
        double last = (double) whole.get(whole.size() - 1).get("p99Ms");
        Map<String, Object> drift = new LinkedHashMap<>();
        drift.put("firstMinuteP99Ms", first);
        drift.put("lastMinuteP99Ms", last);
        drift.put("ratio", round(last / first));
        say(String.format(Locale.ROOT, "p99 drift: first minute %.1f ms, last whole minute %.1f ms = %.2fx", first, last,
                last / first));
        say(String.format(Locale.ROOT, "%,d calls in %.0f s = %.0f/s", calls, seconds, calls / seconds));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("seconds", round(seconds));
        result.put("calls", calls);
        result.put("perSecond", round(calls / seconds));
        result.put("errors", errors.get());
        result.put("errorSamples", errorSamples.stream().limit(20).toList());
        result.put("operations", ops);
        result.put("perMinute", perMinute);
        result.put("p99Drift", drift);
        return result;
    }

    /** Makes one call of the kind (or a create when there is nothing to read or erase yet); returns what it did. */
    private Op call(Op wanted) {
        Op op = wanted;
        String subject = null;
        if (op == Op.SUBJECT_READ) {
            subject = toRead.poll();
        } else if (op == Op.SUBJECT_ERASE) {
            subject = toErase.poll();
        }
        if ((op == Op.SUBJECT_READ || op == Op.SUBJECT_ERASE) && subject == null) {
            op = Op.SUBJECT_CREATE;
        }
        long n = serial.incrementAndGet();
        try {
            HttpRequest request = switch (op) {
                case CONSENT_CHECK -> api("/api/v1/consents/check").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email(n % 500)
                                + "\",\"purpose\":\"newsletter\"}")).build();
                case SUBJECT_CREATE -> api("/api/v1/subjects").header("Content-Type", "application/json")
                        .header("Idempotency-Key", "soak-" + n)
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"kinds":["CUSTOMER_CONTACT"],"purpose":"customer-administration","name":"Soak Testesen %d",
                                 "email":"%s","phone":"+47 915 %05d"}""".formatted(n, email(n), n % 100_000))).build();
                case SUBJECT_READ -> api("/api/v1/subjects/" + subject).header("Vern-Purpose", "customer-administration")
                        .GET().build();
                case SUBJECT_ERASE -> api("/api/v1/subjects/" + subject).DELETE().build();
                case ELIGIBILITY -> {
                    StringBuilder body = new StringBuilder("{\"purpose\":\"customer-newsletter\",\"emails\":[");
                    for (int i = 0; i < 10; i++) {
                        body.append(i == 0 ? "\"" : ",\"").append(email((n + i) % 500)).append('"');
                    }
                    yield api("/api/v1/eligibility").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.append("]}").toString())).build();
                }
                case BEACON -> HttpRequest.newBuilder(URI.create(base + "/site/collect")).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "text/plain;charset=UTF-8").header("Origin", base)
                        .header("User-Agent", AGENT)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"k\":\"view\",\"id\":\"soak" + n + "xxxxxxxx\",\"u\":\""
                                + base + "/demo-site/p" + (n % 20) + ".html\",\"r\":\"https://www.google.com/\"}"))
                        .build();
                case PUBLIC_PAGE -> page(PUBLIC_PAGES[(int) (n % PUBLIC_PAGES.length)]);
                case PRIVACY_CENTER -> page(CENTER_PAGES[(int) (n % CENTER_PAGES.length)]);
            };
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != op.expected) {
                error(op, response.statusCode() + problemType(response.body()));
            } else if (op == Op.SUBJECT_CREATE) {
                Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(response.body());
                if (id.find()) {
                    toRead.add(id.group(1));
                } else {
                    error(op, "201 without an id");
                }
            } else if (op == Op.SUBJECT_READ) {
                toErase.add(subject);
            }
        } catch (IOException e) {
            error(op, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(op, "interrupted");
        }
        return op;
    }

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private HttpRequest page(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    /** Invented addresses on a reserved domain. */
    private static String email(long n) {
        return "soak." + n + "@soak.example";
    }

    /** Only the problem type of an error answer is kept (never a body with data). */
    private static String problemType(String body) {
        Matcher m = Pattern.compile("\"type\"\\s*:\\s*\"(urn:vern:problem:[a-z-]+)\"").matcher(body);
        return m.find() ? " " + m.group(1) : "";
    }

    private void error(Op op, String what) {
        errors.incrementAndGet();
        errorsByOp.computeIfAbsent(op, o -> new AtomicLong()).incrementAndGet();
        if (errorSamples.size() < 50) {
            errorSamples.add(op.name().toLowerCase(Locale.ROOT) + " " + what);
        }
    }

    /** The server's heap in use (MB) after a full GC, from jcmd. */
    static double heapUsedAfterGc(long pid) throws Exception {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        // G1: " garbage-first heap   total 262144K, used 81234K [...]"; other collectors print "used NNNK" too.
        Matcher m = Pattern.compile("heap\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K").matcher(info);
        if (!m.find()) {
            m = Pattern.compile("used\\s+(\\d+)K").matcher(info);
            if (!m.find()) {
                throw new IllegalStateException("no heap figure in jcmd GC.heap_info");
            }
        }
        return Long.parseLong(m.group(1)) / 1024.0;
    }

    private static String jcmd(long pid, String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid), command)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + output);
        }
        return output;
    }

    private static long[] merge(List<long[]> lists) {
        int size = 0;
        for (long[] l : lists) {
            size += (int) l[0];
        }
        long[] all = new long[size];
        int at = 0;
        for (long[] l : lists) {
            System.arraycopy(l, 1, all, at, (int) l[0]);
            at += (int) l[0];
        }
        Arrays.sort(all);
        return all;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static void say(String line) {
        System.out.println(line);
    }

    @SuppressWarnings("unchecked")
    private static String json(Object value, int indent) {
        String pad = "  ".repeat(indent + 1);
        if (value instanceof Map<?, ?> map) {
            StringBuilder s = new StringBuilder("{\n");
            int i = 0;
            for (var e : ((Map<String, Object>) map).entrySet()) {
                s.append(pad).append('"').append(e.getKey()).append("\": ").append(json(e.getValue(), indent + 1))
                        .append(++i < map.size() ? ",\n" : "\n");
            }
            return s.append("  ".repeat(indent)).append('}').toString();
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return "[]";
            }
            StringBuilder s = new StringBuilder("[\n");
            for (int i = 0; i < list.size(); i++) {
                s.append(pad).append(json(list.get(i), indent + 1)).append(i + 1 < list.size() ? ",\n" : "\n");
            }
            return s.append("  ".repeat(indent)).append(']').toString();
        }
        if (value instanceof String str) {
            return '"' + str.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return String.valueOf(value);
    }
}
