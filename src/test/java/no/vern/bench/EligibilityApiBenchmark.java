package no.vern.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import no.vern.communications.Eligibility;

/**
 * The eligibility check over HTTP ({@code POST /api/v1/eligibility}, JSON, calls of at most
 * {@value Eligibility#MAX_ADDRESSES} addresses, one after the other) for {@code vern.bench.eligibility-emails}
 * addresses (default 1,000,000), every fourth one a loaded subject's and the rest unknown, against a raw SQL
 * anti-join of the same batches on a plaintext table of the loaded subjects' addresses (made for the baseline in
 * the bench database and dropped afterwards). Bounded: no new call starts after
 * {@code vern.bench.eligibility-seconds} (default 240); the baseline then runs the same batches. The number of
 * UNKNOWN answers must equal the anti-join's count, or the run fails.
 */
final class EligibilityApiBenchmark implements Benchmark {

    static final String PURPOSE = "customer-newsletter";
    private static final String TABLE = "bench_plain_email";

    private final int emails;
    private final int budgetSeconds;

    EligibilityApiBenchmark(int emails, int budgetSeconds) {
        this.emails = emails;
        this.budgetSeconds = budgetSeconds;
    }

    @Override
    public String name() {
        return "eligibility";
    }

    /** Address j of the checked list: every fourth one a loaded subject's, the rest addresses nobody holds. */
    static String address(int j, int subjects) {
        return j % 4 == 0 ? SyntheticRegister.email((j / 4) % subjects) : "ukjent." + j + "@nobody.example";
    }

    @Override
    public List<Figure> run(BenchContext c) throws Exception {
        JdbcTemplate owner = new JdbcTemplate(c.bean("ownerDataSource", DataSource.class));
        int n = c.subjects();
        owner.execute("DROP TABLE IF EXISTS " + TABLE);
        owner.execute("CREATE TABLE " + TABLE + " (email text PRIMARY KEY)");
        try {
            for (int from = 0; from < n; from += 50_000) {
                String[] batch = new String[Math.min(n, from + 50_000) - from];
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = SyntheticRegister.email(from + i);
                }
                owner.execute((ConnectionCallback<Integer>) con -> {
                    try (PreparedStatement ps = con.prepareStatement(
                            "INSERT INTO " + TABLE + " SELECT unnest(?::text[])")) {
                        ps.setArray(1, con.createArrayOf("text", batch));
                        return ps.executeUpdate();
                    }
                });
            }
            owner.execute("VACUUM ANALYZE " + TABLE);

            List<List<String>> batches = new ArrayList<>();
            for (int from = 0; from < emails; from += Eligibility.MAX_ADDRESSES) {
                List<String> batch = new ArrayList<>();
                for (int j = from; j < Math.min(emails, from + Eligibility.MAX_ADDRESSES); j++) {
                    batch.add(address(j, n));
                }
                batches.add(batch);
            }
            // Warm-up of both paths on a small batch, and a check that they agree on it.
            List<String> small = batches.get(0).subList(0, Math.min(2_000, batches.get(0).size()));
            long[] warm = vern(c, small);
            long warmRaw = antiJoin(owner, small);
            if (warm[0] != warmRaw) {
                throw new IllegalStateException("eligibility answered " + warm[0] + " UNKNOWN, the anti-join " + warmRaw);
            }

            long deadline = System.nanoTime() + Duration.ofSeconds(budgetSeconds).toNanos();
            long unknown = 0;
            long eligible = 0;
            int done = 0;
            int addresses = 0;
            double cpu0 = RegisterWriteBenchmark.cpuMillis(c);
            long t0 = System.nanoTime();
            for (List<String> batch : batches) {
                if (done > 0 && System.nanoTime() > deadline) {
                    break;
                }
                long[] r = vern(c, batch);
                unknown += r[0];
                eligible += r[1];
                done++;
                addresses += batch.size();
            }
            double vernSeconds = (System.nanoTime() - t0) / 1e9;
            double vernCpu = (RegisterWriteBenchmark.cpuMillis(c) - cpu0) / done;

            double cpu1 = RegisterWriteBenchmark.cpuMillis(c);
            long t1 = System.nanoTime();
            long rawUnknown = 0;
            for (List<String> batch : batches.subList(0, done)) {
                rawUnknown += antiJoin(owner, batch);
            }
            double rawSeconds = (System.nanoTime() - t1) / 1e9;
            double rawCpu = (RegisterWriteBenchmark.cpuMillis(c) - cpu1) / done;
            if (unknown != rawUnknown) {
                throw new IllegalStateException("eligibility answered " + unknown + " UNKNOWN, the anti-join "
                        + rawUnknown);
            }
            String count = addresses % 1_000_000 == 0 ? addresses / 1_000_000 + "M"
                    : addresses % 1_000 == 0 ? addresses / 1_000 + "k" : String.valueOf(addresses);
            String bounded = addresses < emails
                    ? String.format(Locale.ROOT, "; stopped after %d s of the %,d asked for", budgetSeconds, emails)
                    : "";
            return List.of(Figure.of("eligibility " + count + " vs anti-join",
                    vernSeconds, "s", "anti-join on plaintext emails", rawSeconds, false, String.format(Locale.ROOT,
                            "POST /api/v1/eligibility, %d sequential calls of <= %,d, 1 in 4 a loaded subject's; %,d unknown, %,d eligible "
                                    + "(purpose %s); %.0f addresses/s over HTTP%s; CPU %.0f vs %.0f ms per call = %.2fx "
                                    + "(harness, server and database processes); goal <= 2x",
                            done, Eligibility.MAX_ADDRESSES, unknown, eligible, PURPOSE, addresses / vernSeconds,
                            bounded, vernCpu, rawCpu, vernCpu / rawCpu)));
        } finally {
            owner.execute("DROP TABLE IF EXISTS " + TABLE);
        }
    }

    /** One call; returns {UNKNOWN answers, eligible count}. */
    private static long[] vern(BenchContext c, List<String> batch) throws Exception {
        StringBuilder body = new StringBuilder(batch.size() * 40).append("{\"purpose\":\"").append(PURPOSE)
                .append("\",\"emails\":[");
        for (int i = 0; i < batch.size(); i++) {
            body.append(i == 0 ? "\"" : ",\"").append(batch.get(i)).append('"');
        }
        body.append("]}");
        HttpRequest request = HttpRequest.newBuilder(URI.create(c.server().baseUrl() + "/api/v1/eligibility"))
                .timeout(Duration.ofSeconds(300)).header("Authorization", "Bearer " + c.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response = c.http().send(request, HttpResponse.BodyHandlers.ofString());
        BenchContext.expect(response, 200, "POST /api/v1/eligibility");
        String answer = response.body();
        long unknown = occurrences(answer, "\"UNKNOWN\"");
        if (occurrences(answer, "\"reason\"") != batch.size()) {
            throw new IllegalStateException("eligibility did not answer every address");
        }
        long eligible = occurrences(answer, "\"eligible\":true");
        return new long[] { unknown, eligible };
    }

    /** The raw baseline: the batch's addresses that no loaded subject has, as rows read back. */
    private static long antiJoin(JdbcTemplate owner, List<String> batch) {
        String[] values = batch.toArray(String[]::new);
        Long count = owner.execute((ConnectionCallback<Long>) con -> {
            try (PreparedStatement ps = con.prepareStatement("""
                    SELECT a.email FROM unnest(?::text[]) AS a(email)
                    WHERE NOT EXISTS (SELECT 1 FROM %s p WHERE p.email = a.email)
                    """.formatted(TABLE))) {
                Array array = con.createArrayOf("text", values);
                ps.setArray(1, array);
                long rows = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1) != null) {
                            rows++;
                        }
                    }
                }
                return rows;
            }
        });
        return count == null ? 0 : count;
    }

    private static long occurrences(String text, String what) {
        long n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
