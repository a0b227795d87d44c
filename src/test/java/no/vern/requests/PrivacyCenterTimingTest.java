package no.vern.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

import no.vern.register.SubjectRegister;
import no.vern.support.VernTest;

/**
 * No timing oracle in the privacy center (issue 24, item 2; EDPB Guidelines 01/2022): the answer to the form
 * takes as long whether or not the address is on file, so nobody can learn by the clock whether a person is held.
 * Over 40 submissions of addresses on file and 40 of addresses not on file, a classifier by response time does no
 * better than chance: the two-sided Mann-Whitney U test (its U is the best threshold classifier's AUC times
 * n1·n2) must not reject "same distribution" at p = 0.01. Measured end to end (MockMvc, commit and answer floor
 * included), as a client would.
 *
 * <p>Deterministic and robust on a loaded machine: the same fixed addresses and client addresses every run, no
 * random seeds; a warm-up first (JIT, connection pool, key caches). The submissions go in rounds of {@value #PER_KIND}
 * addresses on file and {@value #PER_KIND} not on file at once, each request timed on its own from its own start to
 * its own answer: the answer floor is waiting, not work, so a round takes one floor instead of four, and load that
 * comes and goes (including the other requests of the round) falls on both kinds alike. Between rounds the code
 * mails of the round are awaited, untimed, so that their first try (a background thread) never falls into the next
 * round's measurements.
 */
@VernTest
@Import(RequestsTestSupport.Systems.class)
class PrivacyCenterTimingTest extends RequestsTestSupport {

    private static final int WARM_UP = 16;
    private static final int MEASURED = 40;
    /** Addresses of each kind submitted at once in a round. */
    private static final int PER_KIND = 2;

    @Autowired
    MockMvc mvc;
    @Autowired
    SubjectRegister register;

    /** One submission from its own client address, timed end to end (from its start to its answer). */
    private long submit(String email, int n) throws Exception {
        String ip = "10.93." + (n / 200) + "." + (n % 200 + 1);
        long start = System.nanoTime();
        mvc.perform(post("/personvern/rettigheter").session(new MockHttpSession()).with(csrf()).with(r -> {
            r.setRemoteAddr(ip);
            return r;
        }).param("kind", "ACCESS").param("email", email)).andExpect(status().is3xxRedirection());
        return System.nanoTime() - start;
    }

    /**
     * One round: {@code known} and {@code unknown} (as many of each) submitted at once, released together; returns
     * each submission's own duration, in the order known..., unknown.... Afterwards, untimed, the code mail of every
     * address on file in the round is awaited.
     */
    private long[] round(List<String> known, List<String> unknown, int firstClient) throws Exception {
        List<String> all = new ArrayList<>(known);
        all.addAll(unknown);
        ExecutorService pool = Executors.newFixedThreadPool(all.size());
        try {
            CyclicBarrier together = new CyclicBarrier(all.size());
            List<Future<Long>> took = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                String email = all.get(i);
                int client = firstClient + i;
                took.add(pool.submit(() -> {
                    together.await(1, TimeUnit.MINUTES);
                    return submit(email, client);
                }));
            }
            long[] durations = new long[all.size()];
            for (int i = 0; i < durations.length; i++) {
                durations[i] = took.get(i).get(2, TimeUnit.MINUTES);
            }
            for (String email : known) {
                assertThat(awaitMailTo(email, 1)).as("the code mail of an address on file").hasSize(1);
            }
            return durations;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClassifierByResponseTimeDoesNoBetterThanChanceAtTellingAnAddressOnFile() throws Exception {
        int total = WARM_UP + MEASURED;
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            String email = uniqueEmail("timing-known-" + i);
            register.register(contactOnFile("Tidvis Kjent", email));
            known.add(email);
            unknown.add(uniqueEmail("timing-unknown-" + i));
        }
        int n = 0;
        for (int i = 0; i < WARM_UP; i += PER_KIND) {
            round(known.subList(i, i + PER_KIND), unknown.subList(i, i + PER_KIND), n);
            n += 2 * PER_KIND;
        }
        double[] onFile = new double[MEASURED];
        double[] notOnFile = new double[MEASURED];
        for (int i = 0; i < MEASURED; i += PER_KIND) {
            int at = WARM_UP + i;
            long[] took = round(known.subList(at, at + PER_KIND), unknown.subList(at, at + PER_KIND), n);
            n += 2 * PER_KIND;
            for (int j = 0; j < PER_KIND; j++) {
                onFile[i + j] = took[j];
                notOnFile[i + j] = took[PER_KIND + j];
            }
        }

        double p = MannWhitney.twoSidedP(onFile, notOnFile);
        org.slf4j.LoggerFactory.getLogger(PrivacyCenterTimingTest.class).info(
                "Privacy center timing: median on file {} µs, not on file {} µs, AUC {}, Mann-Whitney p {}",
                (long) MannWhitney.median(onFile) / 1000, (long) MannWhitney.median(notOnFile) / 1000,
                "%.3f".formatted(MannWhitney.auc(onFile, notOnFile)), "%.4f".formatted(p));
        assertThat(p).as("Mann-Whitney two-sided p of on-file vs not-on-file response times").isGreaterThan(0.01);
        // The work was real: the addresses on file got their codes, the others nothing.
        assertThat(codeSentTo(known.get(total - 1))).matches("\\d{6}");
        assertThat(mailTo(unknown.get(total - 1))).isEmpty();
    }

    @Test
    void theTestStatisticTellsApartSamplesThatDiffer() {
        // The check above can fail: the same statistic rejects a shift that a clock would see.
        double[] a = new double[MEASURED];
        double[] b = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            a[i] = 10_000 + (i * 37 % 40) * 100; // 10.0–13.9 ms, spread deterministically
            b[i] = a[i] + 1_500;
        }
        assertThat(MannWhitney.twoSidedP(a, b)).isLessThan(0.01);
        assertThat(MannWhitney.twoSidedP(a, a.clone())).isGreaterThan(0.9);
        // Every value below every other: AUC 0; the same values both sides: ties count a half, AUC 0.5.
        assertThat(MannWhitney.auc(new double[] { 1, 2, 3 }, new double[] { 4, 5, 6 })).isEqualTo(0.0);
        assertThat(MannWhitney.auc(new double[] { 1, 2 }, new double[] { 2, 1 })).isEqualTo(0.5);
    }

    /** The two-sample Mann-Whitney U test, normal approximation with tie and continuity correction. */
    static final class MannWhitney {

        private MannWhitney() {
        }

        /** U of sample a: the number of pairs (x in a, y in b) with x > y, ties counting a half. */
        static double u(double[] a, double[] b) {
            double u = 0;
            for (double x : a) {
                for (double y : b) {
                    u += x > y ? 1 : x == y ? 0.5 : 0;
                }
            }
            return u;
        }

        /** The probability that a random value of a exceeds one of b: the AUC of a threshold classifier. */
        static double auc(double[] a, double[] b) {
            return u(a, b) / ((double) a.length * b.length);
        }

        static double twoSidedP(double[] a, double[] b) {
            int n1 = a.length;
            int n2 = b.length;
            double[] all = new double[n1 + n2];
            System.arraycopy(a, 0, all, 0, n1);
            System.arraycopy(b, 0, all, n1, n2);
            java.util.Arrays.sort(all);
            double ties = 0;
            for (int i = 0; i < all.length;) {
                int j = i;
                while (j < all.length && all[j] == all[i]) {
                    j++;
                }
                double t = j - i;
                ties += t * t * t - t;
                i = j;
            }
            double n = n1 + n2;
            double mean = n1 * (double) n2 / 2;
            double variance = n1 * (double) n2 / 12 * ((n + 1) - ties / (n * (n - 1)));
            if (variance == 0) {
                return 1;
            }
            double z = Math.max(0, Math.abs(u(a, b) - mean) - 0.5) / Math.sqrt(variance);
            return Math.min(1, 2 * upperTail(z));
        }

        /** P(Z > z) for the standard normal: erfc(z/√2)/2, erfc by Numerical Recipes' Chebyshev fit (|error| < 1.2e-7). */
        static double upperTail(double z) {
            double x = z / Math.sqrt(2);
            double t = 1 / (1 + 0.5 * Math.abs(x));
            double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                    + t * (-0.82215223 + t * 0.17087277)))))))));
            return (x >= 0 ? erfc : 2 - erfc) / 2;
        }

        static double median(double[] values) {
            double[] sorted = values.clone();
            java.util.Arrays.sort(sorted);
            int m = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
        }
    }
}
