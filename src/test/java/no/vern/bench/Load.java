package no.vern.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A bounded closed-loop load: a fixed number of threads call an operation back to back until the time is up or
 * the request budget is spent, whichever comes first, after a warm-up of the same shape. Used alike for HTTP
 * requests on loopback and for in-process calls (JDBC, register, audit), so that a figure and its baseline are
 * measured the same way. Every call's latency is kept for the percentiles.
 */
final class Load {

    /** One call; throws if the answer is not the expected one (the run then fails loudly). */
    @FunctionalInterface
    interface Op {
        void call(int thread, int index) throws Exception;
    }

    /** What a run measured: calls completed, wall time, throughput and latency percentiles in milliseconds. */
    record Result(int calls, double seconds, double perSecond, double p50Millis, double p99Millis) {
    }

    private final int threads;
    private final Duration warmup;
    private final Duration duration;
    private final int maxCalls;

    Load(int threads, Duration warmup, Duration duration, int maxCalls) {
        this.threads = threads;
        this.warmup = warmup;
        this.duration = duration;
        this.maxCalls = maxCalls;
    }

    Load withThreads(int n) {
        return new Load(n, warmup, duration, maxCalls);
    }

    int threads() {
        return threads;
    }

    /** The shape of a timed run, for the report. */
    String describe() {
        return threads + " threads, " + warmup.toSeconds() + " s warm-up + " + duration.toSeconds() + " s, at most "
                + maxCalls + " calls";
    }

    Result run(Op op) throws Exception {
        return run(op, () -> 0).result();
    }

    /** A timed run and the CPU milliseconds {@code cpu} counted over its measured part (not the warm-up), per call. */
    record Measured(Result result, double cpuMillisPerCall) {
    }

    Measured run(Op op, java.util.function.DoubleSupplier cpu) throws Exception {
        if (!warmup.isZero()) {
            once(op, warmup, maxCalls, 1_000_000);
        }
        double before = cpu.getAsDouble();
        Result result = once(op, duration, maxCalls, 0);
        return new Measured(result, (cpu.getAsDouble() - before) / Math.max(1, result.calls()));
    }

    /** How a warm-up went: seconds spent, whether throughput settled, and the last slice's throughput. */
    record Warmup(double seconds, boolean stable, double lastPerSecond) {
    }

    /**
     * Warms up in slices of one second until two consecutive slices' throughput differ by less than 10 % (after at
     * least {@code minSeconds}, at most {@code maxSeconds}): the JIT and the pools have settled when that holds.
     */
    Warmup warmUntilStable(Op op, int minSeconds, int maxSeconds) throws Exception {
        long start = System.nanoTime();
        double previous = -1;
        double last = 0;
        for (int slice = 1; slice <= Math.max(minSeconds, maxSeconds); slice++) {
            last = once(op, Duration.ofSeconds(1), Integer.MAX_VALUE, 1_000_000 * slice).perSecond();
            if (slice >= minSeconds && previous > 0 && Math.abs(last - previous) < 0.10 * Math.max(last, previous)) {
                return new Warmup((System.nanoTime() - start) / 1e9, true, last);
            }
            previous = last;
        }
        return new Warmup((System.nanoTime() - start) / 1e9, false, last);
    }

    /** The measured part only (no warm-up): {@code duration}, at most {@code maxCalls} calls. */
    Result measure(Op op) throws Exception {
        return once(op, duration, maxCalls, 0);
    }

    int warmupSeconds() {
        return (int) warmup.toSeconds();
    }

    /** Exactly {@code calls} calls spread over the threads, without a time limit (for fixed-size workloads). */
    Result fixed(Op op, int calls) throws Exception {
        return once(op, Duration.ofDays(1), calls, 0);
    }

    private Result once(Op op, Duration limit, int budget, int indexOffset) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        List<Future<long[]>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int n = 0;
                for (int i = next.getAndIncrement(); i < budget && System.nanoTime() < deadline
                        && failure.get() == null; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        op.call(thread, indexOffset + i);
                    } catch (Exception | Error e) {
                        failure.compareAndSet(null, e);
                        break;
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> w : workers) {
            long[] part = w.get();
            long[] merged = Arrays.copyOf(all, all.length + part.length);
            System.arraycopy(part, 0, merged, all.length, part.length);
            all = merged;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (failure.get() != null) {
            throw new IllegalStateException("benchmark call failed: " + failure.get(), failure.get());
        }
        Arrays.sort(all);
        return new Result(all.length, seconds, all.length / seconds, percentile(all, 0.50), percentile(all, 0.99));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
