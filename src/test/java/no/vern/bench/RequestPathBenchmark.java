package no.vern.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 28, item 1: Vern's request path against a plain Spring Boot webmvc app ({@link PlainApp}, one endpoint
 * returning a constant, same JVM options) measured in the same run, at 4 and at 32 connections (client threads of
 * the JDK HttpClient, keep-alive). Each target is warmed up until its throughput is stable (two consecutive
 * one-second slices within 10 %; the warm-up is reported), then measured: throughput, p99, and the server's CPU
 * milliseconds per request from {@code /proc} (Vern: its JVM and its embedded PostgreSQL; the plain app: its JVM),
 * which depends far less on the machine's other load than throughput does, with the part of it spent by the JIT
 * compiler threads beside it. Before anything is measured, every target is primed once at both connection counts,
 * and then all of them further until the compiler threads take less than 5 % of the server's CPU and of the plain
 * app's (no further rounds after {@code --prime-max} s, default 180), so that the first figures do not pay for
 * compiling the request path; the lines say how long that took. Rounds interleave the targets.
 *
 * <p>Lines: {@code consent check vs plain app c4:} / {@code c32:} ({@code POST /api/v1/consents/check}, random loaded
 * subjects) and {@code static api endpoint vs plain app c4:} / {@code c32:} ({@code GET /api/v1/me}: bearer token,
 * security, no database), each with p99 and CPU per request beside it (with the parts of the JIT compiler and of the
 * embedded PostgreSQL), plus the audit group commit's batch size under the check's load, over the whole phase and
 * over the check's own load at each connection count.
 */
final class RequestPathBenchmark implements Benchmark {

    private static final String BATCH_METRIC = "vern.audit.group-commit.batch";

    @Override
    public String name() {
        return "request path";
    }

    /** What one target measured in one round. */
    private record Run(Load.Result result, double cpuMillisPerRequest, double jitMillisPerRequest,
            double databaseMillisPerRequest, Load.Warmup warmup) {
    }

    @Override
    public List<Figure> run(BenchContext c) throws Exception {
        PlainServer plain = c.plain().get();
        String base = c.server().baseUrl();
        int n = c.subjects();
        HttpRequest plainRequest = HttpRequest.newBuilder(URI.create(plain.baseUrl() + "/plain"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        HttpRequest me = HttpRequest.newBuilder(URI.create(base + "/api/v1/me")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + c.token()).GET().build();
        Load.Op plainOp = (t, i) -> BenchContext.expect(c.http().send(plainRequest, HttpResponse.BodyHandlers.discarding()),
                200, "plain app");
        Load.Op checkOp = (t, i) -> BenchContext.expect(c.http().send(ConsentCheckBenchmark.checkRequest(base, c.token(),
                ThreadLocalRandom.current().nextInt(n)), HttpResponse.BodyHandlers.discarding()), 200, "consent check");
        Load.Op meOp = (t, i) -> BenchContext.expect(c.http().send(me, HttpResponse.BodyHandlers.discarding()), 200,
                "GET /api/v1/me");
        int minWarmup = Math.max(2, c.load().warmupSeconds());
        int maxWarmup = Integer.getInteger("vern.bench.warmup-max", 60);
        boolean dbCounted = c.server().databaseCpuCounted();

        List<Figure> figures = new ArrayList<>();
        // Priming: every target at both connection counts once before anything is measured, so that the first
        // measured figures (c4) do not pay for the JIT compiling the server's request path (in a --quick run the
        // compiler threads took about a third of the server's CPU during the measurements without this).
        long primeStart = System.nanoTime();
        for (int connections : new int[] { 4, 32 }) {
            Load load = c.load().withThreads(connections);
            load.warmUntilStable(plainOp, minWarmup, maxWarmup);
            load.warmUntilStable(checkOp, minWarmup, maxWarmup);
            load.warmUntilStable(meOp, minWarmup, maxWarmup);
        }
        // Throughput settles long before the compiler is done with the request path: go on (one-second slices of every
        // target, the plain app's too, at both connection counts) until the JIT compiler threads take less than 5 % of
        // the server's CPU and of the plain app's in a round. This has its own budget, --prime-max s (default 180) from
        // the end of the first priming: sharing --warmup-max with the first priming (which alone took most of it) left
        // the compiler at a third of the server's CPU in the 100,000-subject run of 2026-12-07 20:36 (one JIT round).
        int maxPrime = Integer.getInteger("vern.bench.prime-max", 180);
        long jitStart = System.nanoTime();
        double jitShare;
        double plainJitShare;
        do { // at least one round, so that the shares at the end are always measured
            double cpu0 = c.server().cpuMillis();
            double jit0 = c.server().compilerMillis();
            double plainCpu0 = plain.cpuMillis();
            double plainJit0 = plain.compilerMillis();
            for (int connections : new int[] { 4, 32 }) {
                Load load = c.load().withThreads(connections);
                load.warmUntilStable(plainOp, 1, 1);
                load.warmUntilStable(checkOp, 1, 1);
                load.warmUntilStable(meOp, 1, 1);
            }
            double cpu = c.server().cpuMillis() - cpu0;
            jitShare = cpu <= 0 ? 0 : (c.server().compilerMillis() - jit0) / cpu;
            double plainCpu = plain.cpuMillis() - plainCpu0;
            plainJitShare = plainCpu <= 0 ? 0 : (plain.compilerMillis() - plainJit0) / plainCpu;
        } while ((jitShare >= 0.05 || plainJitShare >= 0.05) && (System.nanoTime() - jitStart) / 1e9 < maxPrime);
        String priming = String.format(Locale.ROOT, "primed %.0f s (until the JIT settled: %.0f s, at most %d), JIT "
                + "compiler %.0f %% of the server's CPU and %.0f %% of the plain app's at the end",
                (System.nanoTime() - primeStart) / 1e9, (System.nanoTime() - jitStart) / 1e9, maxPrime, 100 * jitShare,
                100 * plainJitShare);
        double[] batchBefore = batch(c);
        Map<Integer, double[]> checkBatches = new LinkedHashMap<>(); // per connection count: commits, entries
        for (int connections : new int[] { 4, 32 }) {
            Load load = c.load().withThreads(connections);
            Map<String, List<Run>> runs = new LinkedHashMap<>();
            for (int r = 0; r < c.rounds(); r++) {
                runs.computeIfAbsent("plain", k -> new ArrayList<>())
                        .add(measure(load, plainOp, plain::cpuMillis, plain::compilerMillis, () -> 0, minWarmup, maxWarmup));
                double[] b0 = batch(c);
                runs.computeIfAbsent("check", k -> new ArrayList<>()).add(measure(load, checkOp,
                        c.server()::cpuMillis, c.server()::compilerMillis, c.server()::databaseCpuMillis, minWarmup,
                        maxWarmup));
                double[] b1 = batch(c);
                checkBatches.merge(connections, new double[] { b1[0] - b0[0], b1[1] - b0[1] },
                        (x, y) -> new double[] { x[0] + y[0], x[1] + y[1] });
                runs.computeIfAbsent("static", k -> new ArrayList<>()).add(measure(load, meOp,
                        c.server()::cpuMillis, c.server()::compilerMillis, c.server()::databaseCpuMillis, minWarmup,
                        maxWarmup));
            }
            Run p = mean(runs.get("plain"));
            figures.addAll(compare("consent check vs plain app c" + connections, mean(runs.get("check")), p, dbCounted,
                    priming + "; " + (connections == 4 ? "goal >= 0.5x, p99 <= 2x the plain app's"
                            : "goal >= 0.5x (0.8x beyond issue 28), p99 <= 2x")));
            figures.addAll(compare("static api endpoint vs plain app c" + connections, mean(runs.get("static")), p,
                    dbCounted, priming + "; " + (connections == 32 ? "GET /api/v1/me; goal >= 0.8x" : "GET /api/v1/me")));
        }
        double[] batchAfter = batch(c);
        double count = batchAfter[0] - batchBefore[0];
        if (count > 0) {
            double mean = (batchAfter[1] - batchBefore[1]) / count;
            figures.add(Figure.of("audit group commit batch size under the check's load", mean, "entries/commit",
                    "one entry per commit", 1, true, String.format(Locale.ROOT,
                            "%s over %.0f commits (warm-ups included); max %.0f in the last minute", BATCH_METRIC,
                            count, batchAfter[2])));
        }
        // The batch size while the check alone is measured at each connection count (its warm-up included, which is
        // the same load), so that c32's is not diluted by the lighter c4 and the priming.
        checkBatches.forEach((connections, b) -> {
            if (b[0] > 0) {
                figures.add(Figure.of("audit group commit batch size under checks at c" + connections, b[1] / b[0],
                        "entries/commit", "one entry per commit", 1, true, String.format(Locale.ROOT,
                                "%s over %.0f commits of the check's warm-up and measurement", BATCH_METRIC, b[0])));
            }
        });
        return figures;
    }

    private static Run measure(Load load, Load.Op op, java.util.function.DoubleSupplier cpu,
            java.util.function.DoubleSupplier jit, java.util.function.DoubleSupplier database, int minWarmup,
            int maxWarmup) throws Exception {
        Load.Warmup warmup = load.warmUntilStable(op, minWarmup, maxWarmup);
        double before = cpu.getAsDouble();
        double jitBefore = jit.getAsDouble();
        double dbBefore = database.getAsDouble();
        Load.Result result = load.measure(op);
        double after = cpu.getAsDouble();
        double jitAfter = jit.getAsDouble();
        double dbAfter = database.getAsDouble();
        long calls = result.calls();
        return new Run(result, calls == 0 ? Double.NaN : (after - before) / calls,
                calls == 0 ? Double.NaN : (jitAfter - jitBefore) / calls,
                calls == 0 ? Double.NaN : (dbAfter - dbBefore) / calls, warmup);
    }

    private static List<Figure> compare(String name, Run vern, Run plain, boolean dbCounted, String goal) {
        String warm = String.format(Locale.ROOT, "warm-up %.0f s%s (plain app %.0f s%s)", vern.warmup().seconds(),
                vern.warmup().stable() ? " to stable" : " NOT stable", plain.warmup().seconds(),
                plain.warmup().stable() ? "" : " NOT stable");
        String cpuNote = String.format(Locale.ROOT, "CPU %.3f vs %.3f ms/request = %.2fx, of which JIT compiler %.3f vs %.3f"
                + "%s", vern.cpuMillisPerRequest(), plain.cpuMillisPerRequest(),
                vern.cpuMillisPerRequest() / plain.cpuMillisPerRequest(), vern.jitMillisPerRequest(),
                plain.jitMillisPerRequest(), dbCounted ? String.format(Locale.ROOT, ", PostgreSQL %.3f",
                        vern.databaseMillisPerRequest()) : "");
        return List.of(
                Figure.of(name, vern.result().perSecond(), "rps", "plain app GET /plain", plain.result().perSecond(),
                        true, String.format(Locale.ROOT, "p99 %.1f vs %.1f ms; %s; %s; %s", vern.result().p99Millis(),
                                plain.result().p99Millis(), cpuNote, warm, goal)),
                Figure.of(name + " p99", vern.result().p99Millis(), "ms", "plain app p99", plain.result().p99Millis(),
                        false, "goal <= 2x"),
                Figure.of(name + " CPU per request", vern.cpuMillisPerRequest(), "ms", "plain app CPU per request",
                        plain.cpuMillisPerRequest(), false, (dbCounted
                                ? "server JVM + its PostgreSQL (postmaster and backends) vs the plain app's JVM, from /proc"
                                : "server JVM only (external database not counted) vs the plain app's JVM")
                                + String.format(Locale.ROOT, "; JIT compiler threads %.3f vs %.3f ms/request",
                                        vern.jitMillisPerRequest(), plain.jitMillisPerRequest())
                                + (dbCounted ? String.format(Locale.ROOT, "; of which PostgreSQL %.3f ms/request",
                                        vern.databaseMillisPerRequest()) : "")));
    }

    private static Run mean(List<Run> runs) {
        Load.Result r = ConsentCheckBenchmark.mean(runs.stream().map(Run::result).toList());
        double cpu = runs.stream().mapToDouble(Run::cpuMillisPerRequest).average().orElse(Double.NaN);
        double jit = runs.stream().mapToDouble(Run::jitMillisPerRequest).average().orElse(Double.NaN);
        double database = runs.stream().mapToDouble(Run::databaseMillisPerRequest).average().orElse(Double.NaN);
        Load.Warmup w = runs.get(0).warmup();
        for (Run run : runs) {
            if (!run.warmup().stable() || run.warmup().seconds() > w.seconds()) {
                w = run.warmup();
            }
        }
        return new Run(r, cpu, jit, database, w);
    }

    /** count, total and max of the group-commit batch summary from the server's metrics endpoint (zeros if absent). */
    private static double[] batch(BenchContext c) {
        try {
            HttpResponse<String> response = c.http().send(HttpRequest.newBuilder(
                    URI.create(c.server().baseUrl() + "/actuator/metrics/" + BATCH_METRIC))
                    .header("Authorization", "Bearer " + c.token()).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new double[3];
            }
            return new double[] { statistic(response.body(), "COUNT"), statistic(response.body(), "TOTAL"),
                    statistic(response.body(), "MAX") };
        } catch (Exception e) {
            return new double[3];
        }
    }

    private static double statistic(String json, String name) {
        Matcher m = Pattern.compile("\"statistic\"\\s*:\\s*\"" + name + "\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.Ee+-]+)")
                .matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
