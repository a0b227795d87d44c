package no.vern.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Website beacon ingest ({@code POST /site/collect}, a page view from a browser user agent: strict JSON parse,
 * daily-salted visitor hash, one insert) against a trivial endpoint behind the same site filters,
 * {@code GET /.well-known/gpc.json} (constant JSON). Same load shape for both, interleaved rounds.
 */
final class BeaconIngestBenchmark implements Benchmark {

    private static final String AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";

    @Override
    public String name() {
        return "beacon ingest";
    }

    @Override
    public List<Figure> run(BenchContext c) throws Exception {
        String base = c.server().baseUrl();
        HttpRequest gpc = HttpRequest.newBuilder(URI.create(base + "/.well-known/gpc.json"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        long run = System.nanoTime();
        List<Load.Result> beacon = new ArrayList<>();
        List<Load.Result> trivial = new ArrayList<>();
        for (int r = 0; r < c.rounds(); r++) {
            int round = r;
            trivial.add(c.load().run((t, i) -> BenchContext.expect(
                    c.http().send(gpc, HttpResponse.BodyHandlers.discarding()), 200, "gpc.json")));
            beacon.add(c.load().run((t, i) -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/site/collect"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/plain;charset=UTF-8")
                        .header("Origin", base).header("User-Agent", AGENT)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"k\":\"view\",\"id\":\"bench" + run + "r" + round
                                + "x" + i + "\",\"u\":\"" + base + "/demo-site/p" + (i % 20)
                                + ".html\",\"r\":\"https://www.google.com/\"}"))
                        .build();
                BenchContext.expect(c.http().send(request, HttpResponse.BodyHandlers.discarding()), 204, "beacon");
            }));
        }
        Load.Result b = ConsentCheckBenchmark.mean(beacon);
        Load.Result t = ConsentCheckBenchmark.mean(trivial);
        return List.of(
                Figure.of("beacon ingest throughput", b.perSecond(), "rps", "GET /.well-known/gpc.json",
                        t.perSecond(), true, c.load().describe() + ", " + c.rounds() + " round(s)"),
                Figure.of("beacon ingest p99", b.p99Millis(), "ms", "gpc.json p99", t.p99Millis(), false, ""));
    }
}
