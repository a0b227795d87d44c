package no.vern.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import no.vern.support.MailTestSupport;

/**
 * A full Vern on a random port with Secure cookies on (as in production) and the rate limits named here, so
 * the tests that extend it (abuse and cookie tests) state the budgets they check and share one context.
 * Requests go over real loopback sockets from chosen source addresses ({@link LoopbackHttp}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.servlet.session.cookie.secure=true",
        "vern.security.login.free-failures-per-ip=" + LoopbackVern.LOGIN_FREE_PER_IP,
        "vern.security.login.free-failures-per-account=" + LoopbackVern.LOGIN_FREE_PER_ACCOUNT,
        "vern.security.token-failures-per-ip=" + LoopbackVern.TOKEN_FAILURES_PER_IP,
        "vern.requests.codes-per-ip=" + LoopbackVern.CENTER_PER_IP,
        "vern.requests.codes-per-address=" + LoopbackVern.CODES_PER_ADDRESS,
        "vern.requests.code-attempts=" + LoopbackVern.CODE_ATTEMPTS,
        "vern.breach.public-reports-per-hour=" + LoopbackVern.BREACH_REPORTS_PER_HOUR,
        "vern.events.sign-ups-per-hour=" + LoopbackVern.SIGN_UPS_PER_HOUR,
        "vern.website.beacon-per-minute=" + LoopbackVern.BEACONS_PER_MINUTE,
        "vern.website.consent-per-minute=" + LoopbackVern.CONSENTS_PER_MINUTE })
abstract class LoopbackVern extends MailTestSupport {

    /** Failed logins per IP and per account before the progressive delay (1 s, doubling) starts. */
    static final int LOGIN_FREE_PER_IP = 20;
    static final int LOGIN_FREE_PER_ACCOUNT = 5;
    static final int TOKEN_FAILURES_PER_IP = 30;
    static final int CENTER_PER_IP = 20;
    static final int CODES_PER_ADDRESS = 3;
    static final int CODE_ATTEMPTS = 5;
    static final int BREACH_REPORTS_PER_HOUR = 5;
    static final int SIGN_UPS_PER_HOUR = 20;
    static final int BEACONS_PER_MINUTE = 60;
    static final int CONSENTS_PER_MINUTE = 20;

    @LocalServerPort
    int port;

    LoopbackHttp http() {
        return new LoopbackHttp(port);
    }

    /** The responses of a burst plus the health answers taken while it ran, and how long it took. */
    record Burst(List<LoopbackHttp.Response> responses, List<Integer> health, long nanos) {

        long count(java.util.function.Predicate<LoopbackHttp.Response> p) {
            return responses.stream().filter(p).count();
        }
    }

    /**
     * Fires {@code requests} calls from {@code threads} threads released together; every 20th call also asks
     * {@code /actuator/health} (from an address of its own) so that the server's health is seen during the burst.
     */
    Burst burst(int requests, int threads, IntFunction<LoopbackHttp.Response> call) throws Exception {
        LoopbackHttp http = http();
        ConcurrentLinkedQueue<LoopbackHttp.Response> responses = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> health = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    responses.add(call.apply(n));
                    if (n % 20 == 0) {
                        health.add(http.get("127.0.0.2", "/actuator/health").status());
                    }
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            long took = System.nanoTime() - began;
            health.add(http.get("127.0.0.2", "/actuator/health").status());
            return new Burst(List.copyOf(responses), List.copyOf(health), took);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Most checks a progressive delay lets through in a burst of this length: the free failures, then one attempt
     * at each moment a wait ends (1 s, 2 s, 4 s … up to the cap), counted from the first delayed failure.
     */
    static long progressiveBudget(int free, java.time.Duration first, java.time.Duration cap, long burstNanos) {
        long checks = free + 1;
        long at = 0;
        java.time.Duration wait = first;
        while (true) {
            at += wait.toNanos();
            if (at > burstNanos) {
                return checks;
            }
            checks++;
            wait = wait.multipliedBy(2).compareTo(cap) > 0 ? cap : wait.multipliedBy(2);
        }
    }

    /**
     * Most a greedily refilled bucket can grant in a burst: its capacity plus what refilled while the burst ran
     * (Bucket4j's {@code refillGreedy} adds tokens continuously, so a longer burst may see a few more).
     */
    static long greedyBudget(int capacity, java.time.Duration window, long burstNanos) {
        return capacity + (long) Math.floor((double) capacity * burstNanos / window.toNanos());
    }
}
