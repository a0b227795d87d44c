package no.vern.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.sun.net.httpserver.HttpServer;

import no.vern.changes.ChangeType;

/**
 * Webhook fan-out (issue 25): 10,000 change events (2,500 subjects, four events each, so the order per subject is in
 * play) delivered by the server's delivery job to two loopback subscribers, signed per Standard Webhooks, against the
 * same number of plain HTTP POSTs of a body of the same size from one JDK {@code HttpClient} with as many threads as
 * the job sends with (4), to the same two receivers in the same run. Events per second counts an event once it has
 * reached both subscribers.
 *
 * <p>The events and their outbox rows are written with one SQL statement each, in one transaction, as the change log
 * writes them one by one in the transactions of the changes: the figure is the delivery, not the making of events.
 * The in-process context of the harness does not deliver (its background delivery is off), so one node does.
 */
final class WebhookFanOutBenchmark implements Benchmark {

    private static final int EVENTS = 10_000;
    private static final int PER_SUBJECT = 4;
    private static final int SENDERS = 4;
    /** The CloudEvents type the subscription names; the change log stores the {@link ChangeType}'s name. */
    private static final String TYPE = ChangeType.CONSENT_GIVEN.type();
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @Override
    public String name() {
        return "webhook fan-out";
    }

    @Override
    public List<Figure> run(BenchContext c) throws Exception {
        try (Receiver first = Receiver.start(); Receiver second = Receiver.start()) {
            subscribe(c, first);
            subscribe(c, second);
            JdbcTemplate jdbc = new JdbcTemplate(c.bean(DataSource.class));
            TransactionTemplate tx = new TransactionTemplate(c.bean(PlatformTransactionManager.class));

            long start = System.nanoTime();
            tx.executeWithoutResult(s -> {
                jdbc.update("""
                        INSERT INTO changes_event (id, type, subject_id, purposes, occurred_at)
                        SELECT gen_random_uuid(), ?, subject, ARRAY['newsletter'], now()
                          FROM (SELECT gen_random_uuid() AS subject FROM generate_series(1, ?)) s,
                               generate_series(1, ?)""", ChangeType.CONSENT_GIVEN.name(), EVENTS / PER_SUBJECT,
                        PER_SUBJECT);
                // As WebhookOutbox.fanOut does per event: one row per event and matching active subscription.
                int queued = jdbc.update("""
                        INSERT INTO changes_webhook_delivery (id, subscription_id, event_id, position, order_key, status,
                                                              give_up_after, next_attempt_at, created_at)
                        SELECT gen_random_uuid(), w.id, e.id, e.position, coalesce(e.subject_id::text, e.type), 'PENDING',
                               12, now(), now()
                          FROM changes_event e JOIN changes_webhook_subscription w ON w.active AND e.type = ANY(w.types)
                         WHERE e.tx = pg_current_xact_id()""");
                if (queued != 2 * EVENTS) {
                    throw new IllegalStateException("webhooks: " + queued + " deliveries queued, expected " + 2 * EVENTS);
                }
            });
            awaitAll(first, second, start);
            double vernSeconds = (System.nanoTime() - start) / 1e9;
            if (first.distinct() != EVENTS || second.distinct() != EVENTS || first.posts() != EVENTS
                    || second.posts() != EVENTS) {
                throw new IllegalStateException("webhooks: " + first.distinct() + "/" + second.distinct()
                        + " distinct events, " + first.posts() + "/" + second.posts() + " posts; expected " + EVENTS
                        + " each, once");
            }
            int bodySize = first.largestBody();

            first.reset();
            second.reset();
            double plainSeconds = plainPosts(c, first, second, bodySize);

            double vern = EVENTS / vernSeconds;
            double plain = EVENTS / plainSeconds;
            String what = String.format(Locale.ROOT,
                    "%,d events (%,d subjects × %d) to 2 loopback subscribers, job of %d senders; baseline %,d POSTs of"
                            + " %d bytes from one HttpClient, %d threads", EVENTS, EVENTS / PER_SUBJECT, PER_SUBJECT,
                    SENDERS, 2 * EVENTS, bodySize, SENDERS);
            return List.of(Figure.of("webhook fan-out vs plain posts", vern, "events/s", "plain HTTP POSTs", plain, true,
                    what));
        }
    }

    private static void subscribe(BenchContext c, Receiver receiver) throws Exception {
        HttpRequest create = HttpRequest.newBuilder(URI.create(c.server().baseUrl() + "/api/v1/webhooks/subscriptions"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + c.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + receiver.url() + "\",\"types\":[\"" + TYPE
                        + "\"]}"))
                .build();
        HttpResponse<String> answer = c.http().send(create, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201 && answer.statusCode() != 200) {
            throw new IllegalStateException("subscription refused: " + answer.statusCode() + " " + answer.body());
        }
    }

    private static void awaitAll(Receiver first, Receiver second, long start) throws InterruptedException {
        long deadline = start + TIMEOUT.toNanos();
        while (first.posts() < EVENTS || second.posts() < EVENTS) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("webhooks: only " + first.posts() + " + " + second.posts()
                        + " deliveries after " + TIMEOUT);
            }
            Thread.sleep(20);
        }
    }

    /** The same number of POSTs to the same receivers from one client, {@link #SENDERS} at a time; seconds taken. */
    private static double plainPosts(BenchContext c, Receiver first, Receiver second, int bodySize) throws Exception {
        String body = "{\"id\":\"" + "x".repeat(Math.max(0, bodySize - 10)) + "\"}";
        ExecutorService threads = Executors.newFixedThreadPool(SENDERS);
        AtomicInteger next = new AtomicInteger();
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < SENDERS; t++) {
                done.add(threads.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < 2 * EVENTS) {
                        Receiver to = i % 2 == 0 ? first : second;
                        HttpRequest post = HttpRequest.newBuilder(URI.create(to.url())).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json").header("webhook-id", "plain-" + i)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        HttpResponse<Void> r = c.http().send(post, HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 204) {
                            throw new IllegalStateException("plain POST answered " + r.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            threads.shutdownNow();
        }
    }

    /** A loopback webhook receiver that counts posts and distinct {@code webhook-id}s and answers 204. */
    private static final class Receiver implements AutoCloseable {

        private final HttpServer server;
        private final ExecutorService threads = Executors.newFixedThreadPool(8);
        private final AtomicInteger posts = new AtomicInteger();
        private final AtomicInteger largest = new AtomicInteger();
        private final Set<String> ids = ConcurrentHashMap.newKeySet();

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            Receiver receiver = new Receiver(server);
            server.createContext("/hook", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    int size = in.readAllBytes().length;
                    receiver.largest.accumulateAndGet(size, Math::max);
                }
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                receiver.ids.add(id == null ? UUID.randomUUID().toString() : id);
                receiver.posts.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(receiver.threads);
            server.start();
            return receiver;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        int posts() {
            return posts.get();
        }

        int distinct() {
            return ids.size();
        }

        int largestBody() {
            return largest.get();
        }

        void reset() {
            posts.set(0);
            ids.clear();
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
