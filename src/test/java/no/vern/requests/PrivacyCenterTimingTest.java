package no.vern.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

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
 * random seeds; a warm-up first (JIT, connection pool, key caches); known and unknown interleaved in an ABBA order,
 * so that load that comes and goes falls on both alike.
 */
@VernTest
@Import(RequestsTestSupport.Systems.class)
class PrivacyCenterTimingTest extends RequestsTestSupport {

    private static final int WARM_UP = 15;
    private static final int MEASURED = 40;

    @Autowired
    MockMvc mvc;
    @Autowired
    SubjectRegister register;

    /**
     * One submission, timed end to end. Untimed afterwards, the code mail of an address on file is awaited, so that
     * its first try (a background thread) never falls into the next measurement, whichever kind that is.
     */
    private long submit(String email, boolean onFile, int n) throws Exception {
        String ip = "10.93." + (n / 200) + "." + (n % 200 + 1);
        long start = System.nanoTime();
        mvc.perform(post("/personvern/rettigheter").session(new MockHttpSession()).with(csrf()).with(r -> {
            r.setRemoteAddr(ip);
            return r;
        }).param("kind", "ACCESS").param("email", email)).andExpect(status().is3xxRedirection());
        long took = System.nanoTime() - start;
        if (onFile) {
            assertThat(awaitMailTo(email, 1)).as("the code mail of an address on file").hasSize(1);
        }
        return took;
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
        for (int i = 0; i < WARM_UP; i++) {
            submit(known.get(i), true, n++);
            submit(unknown.get(i), false, n++);
        }
        double[] onFile = new double[MEASURED];
        double[] notOnFile = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            int at = WARM_UP + i;
            if (i % 4 == 0 || i % 4 == 3) { // ABBA
                onFile[i] = submit(known.get(at), true, n++);
                notOnFile[i] = submit(unknown.get(at), false, n++);
            } else {
                notOnFile[i] = submit(unknown.get(at), false, n++);
                onFile[i] = submit(known.get(at), true, n++);
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
