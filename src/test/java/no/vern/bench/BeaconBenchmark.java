package no.vern.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Beacon ingest throughput against a trivial endpoint of the same server (/.well-known/gpc.json: a constant JSON answer through the same filter chain), on loopback with a bounded
 * load (fixed threads, fixed number of requests). Skipped unless {@code -Dvern.bench=true}; prints
 * the figures and asserts nothing about time. Run:
 * {@code ./mvnw -q -B test -Dtest=BeaconBenchmark -Dvern.bench=true}
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "vern.website.beacon-per-minute=100000000")
class BeaconBenchmark {

    static final int THREADS = 4;
    static final int REQUESTS = 6000;
    static final int WARMUP = 1000;
    static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";

    @LocalServerPort
    int port;

    @Test
    void beaconIngestThroughputComparedWithATrivialEndpoint() throws Exception {
        assumeTrue(Boolean.getBoolean("vern.bench"), "benchmark: run with -Dvern.bench=true");
        String base = "http://localhost:" + port;
        IntFunction<HttpRequest> beacon = i -> HttpRequest.newBuilder(URI.create(base + "/site/collect"))
                .header("Content-Type", "text/plain;charset=UTF-8").header("Origin", base).header("User-Agent", AGENT)
                .POST(HttpRequest.BodyPublishers.ofString("{\"k\":\"view\",\"id\":\"bench" + System.nanoTime() + "x" + i
                        + "\",\"u\":\"" + base + "/demo-site/p" + (i % 20) + ".html\",\"r\":\"https://www.google.com/\"}"))
                .build();
        IntFunction<HttpRequest> trivial = i -> HttpRequest.newBuilder(URI.create(base + "/.well-known/gpc.json")).GET()
                .build();
        run(trivial, WARMUP, 200);
        run(beacon, WARMUP, 204);
        double baseline = run(trivial, REQUESTS, 200);
        double ingest = run(beacon, REQUESTS, 204);
        System.out.printf("beacon ingest: %.0f rps (baseline trivial endpoint: %.0f rps) = %.2fx%n", ingest, baseline,
                ingest / baseline);
    }

    private static double run(IntFunction<HttpRequest> request, int total, int expected) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    HttpResponse<Void> response = client.send(request.apply(i), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != expected) {
                        wrong.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        assertThat(wrong.get()).as("unexpected statuses").isZero();
        return total / seconds;
    }
}
