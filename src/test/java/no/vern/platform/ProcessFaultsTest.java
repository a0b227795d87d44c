package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14, item 2: Vern as a separate process, killed with SIGKILL (kill -9) while erasures and a CSV
 * import are in flight, then started again. Afterwards nothing is half-done: every erasure that began
 * is complete (key shredded, rows gone: the recovery job finishes interrupted ones), every erasure the
 * client saw succeed stays done, and the import, run again, resumes and holds each contact exactly once.
 */
@ChildProcesses
class ProcessFaultsTest {

    private static final int CONTACTS = 60;
    private static final int IMPORTED = 1500;

    private final JsonMapper json = JsonMapper.builder().build();
    private VernProcess vern;

    @AfterEach
    void stop() throws Exception {
        if (vern != null) {
            vern.close();
        }
    }

    @Test
    void killedMidErasureAndImportFinishesEachExactlyOnceAfterRestart() throws Exception {
        vern = VernProcess.onFreshDatabase();
        JdbcClient db = vern.db();
        vern.start();

        List<String> ids = VernProcess.concurrently(CONTACTS, i -> json.readTree(vern.send("POST", "/api/v1/subjects",
                "application/json", """
                        {"kinds":["CUSTOMER_CONTACT"],"purpose":"customer-administration","name":"Feil Testesen %d",
                         "email":"feil.%d@prosess.example","phone":"+47 915 %05d"}
                        """.formatted(i, i, 10000 + i)).body()).get("id").asText());
        List<String> confirmedErased = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<Void> erasing = CompletableFuture.runAsync(() -> {
            for (String id : ids) {
                started.incrementAndGet();
                try {
                    if (vern.send("DELETE", "/api/v1/subjects/" + id, null, null).statusCode() / 100 == 2) {
                        confirmedErased.add(id);
                    }
                } catch (Exception killed) {
                    return;
                }
            }
        });
        CompletableFuture<Void> importing = CompletableFuture.runAsync(() -> {
            try {
                vern.send("POST", "/api/v1/subjects/import?dryRun=false", "text/csv", importCsv());
            } catch (Exception killed) {
                // the kill interrupts it
            }
        });
        vern.killWhen(() -> started.get() >= CONTACTS / 3 || erasing.isDone(), "a third of the erasures to start");
        erasing.handle((v, e) -> null).join();
        importing.handle((v, e) -> null).join();

        long importedBeforeRestart = importedCount(db, ids);
        vern.start();
        vern.send("POST", "/api/v1/subjects/import?dryRun=false", "text/csv", importCsv());

        vern.awaitNoUnfinishedErasure();
        for (String id : confirmedErased) {
            vern.assertErased(id);
        }
        List<String> begun = db.sql("SELECT id::text FROM register_subject WHERE erased_at IS NOT NULL")
                .query(String.class).list();
        assertThat(begun).containsAll(confirmedErased);
        for (String id : begun) {
            vern.assertErased(id);
        }
        // Each line commits on its own (a 10,000-line import must not hold one transaction); a rerun skips
        // the lines already stored, found through the email's blind index.
        assertThat(importedBeforeRestart).as("lines stored before the kill").isBetween(0L, (long) IMPORTED);
        assertThat(importedCount(db, ids)).as("after the rerun every imported contact exists exactly once").isEqualTo(IMPORTED);
        for (int i = 0; i < IMPORTED; i += 149) {
            assertThat(json.readTree(vern.send("POST", "/api/v1/subjects/search", "application/json",
                    "{\"email\":\"import." + i + "@prosess.example\"}")
                    .body()).get("items").size()).isEqualTo(1);
        }
    }

    /** Subjects that are not among the contacts the test created one by one: those the import created. */
    private static long importedCount(JdbcClient db, List<String> created) {
        return db.sql("SELECT count(*) FROM register_subject WHERE NOT (id::text = ANY(CAST(:created AS text[])))")
                .param("created", created.toArray(String[]::new)).query(Long.class).single();
    }

    /**
     * Issue 25 item 3: erasures commit their change events and webhook deliveries together; Vern is killed (kill -9)
     * while the receiver still refuses them, and after the restart every event arrives (at least once).
     */
    @Test
    void killedBetweenCommitAndWebhookDeliveryLosesNoEvent() throws Exception {
        int erasures = 12;
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean receiverUp = new java.util.concurrent.atomic.AtomicBoolean(false);
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (receiverUp.get()) {
                received.add(json.readTree(body).get("subject").asText());
                exchange.sendResponseHeaders(204, -1);
            } else {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
            }
            exchange.close();
        });
        receiver.start();
        try {
            vern = VernProcess.onFreshDatabase().with("--vern.webhooks.allow-loopback=true",
                    "--vern.webhooks.run-in-background=true", "--vern.webhooks.backoff=PT1S", "--vern.webhooks.max-backoff=PT2S",
                    // the killed node's claim runs out after the lease (2 minutes in production): a short one here
                    "--vern.webhooks.lease=PT6S", "--vern.webhooks.connect-timeout=PT2S", "--vern.webhooks.read-timeout=PT2S");
            vern.start();
            vern.api("POST", "/api/v1/webhooks/subscriptions", """
                    {"url":"http://127.0.0.1:%d/hook","types":["no.vern.subject.erased"]}
                    """.formatted(receiver.getAddress().getPort()));
            List<String> ids = VernProcess.concurrently(erasures, i -> json.readTree(vern.send("POST", "/api/v1/subjects",
                    "application/json", """
                            {"kinds":["CUSTOMER_CONTACT"],"purpose":"customer-administration","name":"Krok Testesen %d",
                             "email":"krok.%d@prosess.example"}
                            """.formatted(i, i)).body()).get("id").asText());
            VernProcess.concurrently(erasures, i -> assertThat(vern.send("DELETE", "/api/v1/subjects/" + ids.get(i), null, null)
                    .statusCode() / 100).isEqualTo(2));
            VernProcess.await(() -> vern.db().sql("SELECT count(*) FROM changes_webhook_delivery")
                    .query((rs, n) -> rs.getLong(1)).single() >= erasures, "every erasure's delivery queued");
            assertThat(received).as("nothing accepted before the kill").isEmpty();

            vern.killWhen(() -> refused.get() >= 1, "the receiver to refuse a first delivery");
            receiverUp.set(true);
            vern.start();
            VernProcess.await(() -> received.containsAll(ids), "every erased subject's event at the receiver");
            assertThat(received).containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            receiver.stop(0);
        }
    }

    private static String importCsv() {
        StringBuilder csv = new StringBuilder("navn;e-post;telefon\n");
        for (int i = 0; i < IMPORTED; i++) {
            csv.append("Import Testesen ").append(i).append(";import.").append(i).append("@prosess.example;+47 9")
                    .append(String.format("%07d", 1_000_000 + i)).append('\n');
        }
        return csv.toString();
    }
}
