package no.vern.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import no.vern.crypto.BlindIndex;

/**
 * The consent check over HTTP ({@code POST /api/v1/consents/check}, bearer token, random loaded subjects, half of
 * them with consent) against (a) the same lookup as one raw JDBC point select in-process on the same database (blind
 * index of the email computed in Java, joined to the consent state) and (b) the cheapest endpoint of the same server,
 * {@code /actuator/health/liveness} (the stack's ceiling: Tomcat, the security filter chain, no database). Same
 * threads, warm-up, duration and request budget for all three; {@code rounds} interleaved rounds, averaged.
 */
final class ConsentCheckBenchmark implements Benchmark {

    private static final String LOOKUP = """
            SELECT EXISTS (SELECT 1 FROM register_blind_index b
                             JOIN consent_state c ON c.subject_id = b.subject_id
                            WHERE b.kind = 'email' AND b.hash = ? AND c.purpose_key = ?
                              AND c.status IN ('GIVEN', 'RENEWED') AND (c.expires_at IS NULL OR c.expires_at > now()))
            """;

    @Override
    public String name() {
        return "consent check";
    }

    @Override
    public List<Figure> run(BenchContext c) throws Exception {
        BlindIndex index = c.bean(BlindIndex.class);
        JdbcTemplate jdbc = new JdbcTemplate(c.bean(DataSource.class));
        String base = c.server().baseUrl();
        HttpRequest liveness = HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        int n = c.subjects();
        // Correctness first: a consenting and a non-consenting subject give the expected answers.
        check(c, 0, true);
        check(c, 1, false);
        check(jdbc, index, 0, true);
        check(jdbc, index, 1, false);

        List<Load.Result> http = new ArrayList<>();
        List<Load.Result> raw = new ArrayList<>();
        List<Load.Result> trivial = new ArrayList<>();
        for (int r = 0; r < c.rounds(); r++) {
            trivial.add(c.load().run((t, i) -> BenchContext.expect(
                    c.http().send(liveness, HttpResponse.BodyHandlers.discarding()), 200, "liveness")));
            http.add(c.load().run((t, i) -> {
                int s = ThreadLocalRandom.current().nextInt(n);
                BenchContext.expect(c.http().send(checkRequest(base, c.token(), s), HttpResponse.BodyHandlers.discarding()), 200,
                        "consent check");
            }));
            raw.add(c.load().run((t, i) -> {
                int s = ThreadLocalRandom.current().nextInt(n);
                jdbc.queryForObject(LOOKUP, Boolean.class, index.email(SyntheticRegister.email(s)),
                        SyntheticRegister.PURPOSE);
            }));
        }
        Load.Result h = mean(http);
        Load.Result j = mean(raw);
        Load.Result t = mean(trivial);
        String shape = c.load().describe() + ", " + c.rounds() + " round(s)";
        return List.of(
                Figure.of("consent check HTTP throughput", h.perSecond(), "rps", "raw JDBC point select",
                        j.perSecond(), true, shape + "; goal >= 0.5x"),
                Figure.of("consent check HTTP throughput vs stack ceiling", h.perSecond(), "rps",
                        "GET /actuator/health/liveness", t.perSecond(), true, shape),
                Figure.of("consent check HTTP p50", h.p50Millis(), "ms", "raw JDBC p50", j.p50Millis(), false, ""),
                Figure.of("consent check HTTP p99", h.p99Millis(), "ms", "raw JDBC p99", j.p99Millis(), false,
                        "goal p99 < 5 ms"),
                Figure.of("trivial endpoint p99", t.p99Millis(), "ms", "raw JDBC p99", j.p99Millis(), false,
                        "liveness probe over the same client"));
    }

    /** The consent check as a client sends it: the address in a JSON body, never in the URL. */
    static HttpRequest checkRequest(String base, String token, int subject) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/consents/check")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + SyntheticRegister.email(subject)
                        + "\",\"purpose\":\"" + SyntheticRegister.PURPOSE + "\"}")).build();
    }

    private static void check(BenchContext c, int subject, boolean expected) throws Exception {
        HttpResponse<String> response = c.http().send(checkRequest(c.server().baseUrl(), c.token(), subject),
                HttpResponse.BodyHandlers.ofString());
        BenchContext.expect(response, 200, "consent check");
        if (!response.body().replace(" ", "").contains("\"allowed\":" + expected)) {
            throw new IllegalStateException("consent check of a loaded subject answered " + response.body()
                    + ", expected allowed=" + expected);
        }
    }

    private static void check(JdbcTemplate jdbc, BlindIndex index, int subject, boolean expected) {
        Boolean found = jdbc.queryForObject(LOOKUP, Boolean.class, index.email(SyntheticRegister.email(subject)),
                SyntheticRegister.PURPOSE);
        if (!Boolean.valueOf(expected).equals(found)) {
            throw new IllegalStateException("raw lookup of a loaded subject gave " + found);
        }
    }

    static Load.Result mean(List<Load.Result> results) {
        int calls = 0;
        double seconds = 0;
        double p50 = 0;
        double p99 = 0;
        for (Load.Result r : results) {
            calls += r.calls();
            seconds += r.seconds();
            p50 += r.p50Millis();
            p99 += r.p99Millis();
        }
        int k = results.size();
        return new Load.Result(calls, seconds, calls / seconds, p50 / k, p99 / k);
    }
}
