package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14, item 2: Vern as a separate process, killed with SIGKILL (kill -9) while erasures and a CSV
 * import are in flight, then started again. Afterwards nothing is half-done: every erasure that began
 * is complete (key shredded, rows gone: the recovery job finishes interrupted ones), every erasure the
 * client saw succeed stays done, and the import, run again, resumes and holds each contact exactly once.
 */
class ProcessFaultsTest {

    private static final String TOKEN = "vern_bootstrap_token_process_faults_0123456789";
    private static final int CONTACTS = 60;
    private static final int IMPORTED = 1500;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private EmbeddedPostgres database;
    private Process vern;

    @AfterEach
    void stop() throws Exception {
        if (vern != null) {
            vern.destroyForcibly().waitFor();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void killedMidErasureAndImportFinishesEachExactlyOnceAfterRestart() throws Exception {
        Path dir = Path.of("target/pg-faults/" + UUID.randomUUID());
        database = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true)
                .setOverrideWorkingDirectory(Path.of("target/pg-bin").toFile()).start();
        JdbcClient db = JdbcClient.create(database.getPostgresDatabase());
        int port = freePort();
        vern = start(dir, port, 1);

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            ids.add(json.readTree(send(port, "POST", "/api/v1/subjects", "application/json", """
                    {"kinds":["CUSTOMER_CONTACT"],"purpose":"customer-administration","name":"Feil Testesen %d",
                     "email":"feil.%d@prosess.example","phone":"+47 915 %05d"}
                    """.formatted(i, i, 10000 + i)).body()).get("id").asText());
        }
        List<String> confirmedErased = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<Void> erasing = CompletableFuture.runAsync(() -> {
            for (String id : ids) {
                started.incrementAndGet();
                try {
                    if (send(port, "DELETE", "/api/v1/subjects/" + id, null, null).statusCode() / 100 == 2) {
                        confirmedErased.add(id);
                    }
                } catch (Exception killed) {
                    return;
                }
            }
        });
        CompletableFuture<Void> importing = CompletableFuture.runAsync(() -> {
            try {
                send(port, "POST", "/api/v1/subjects/import?dryRun=false", "text/csv", importCsv());
            } catch (Exception killed) {
                // the kill interrupts it
            }
        });
        while (started.get() < CONTACTS / 3 && !erasing.isDone()) {
            Thread.sleep(20);
        }
        vern.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, no graceful anything
        erasing.handle((v, e) -> null).join();
        importing.handle((v, e) -> null).join();

        long importedBeforeRestart = importedCount(db, ids);
        vern = start(dir, port, 2);
        send(port, "POST", "/api/v1/subjects/import?dryRun=false", "text/csv", importCsv());

        awaitNoUnfinishedErasure(db);
        for (String id : confirmedErased) {
            assertErased(db, id);
        }
        List<String> begun = db.sql("SELECT id::text FROM register_subject WHERE erased_at IS NOT NULL")
                .query(String.class).list();
        assertThat(begun).containsAll(confirmedErased);
        for (String id : begun) {
            assertErased(db, id);
        }
        // Each line commits on its own (a 10,000-line import must not hold one transaction); a rerun skips
        // the lines already stored, found through the email's blind index.
        assertThat(importedBeforeRestart).as("lines stored before the kill").isBetween(0L, (long) IMPORTED);
        assertThat(importedCount(db, ids)).as("after the rerun every imported contact exists exactly once").isEqualTo(IMPORTED);
        for (int i = 0; i < IMPORTED; i += 149) {
            assertThat(json.readTree(send(port, "POST", "/api/v1/subjects/search", "application/json",
                    "{\"email\":\"import." + i + "@prosess.example\"}")
                    .body()).get("items").size()).isEqualTo(1);
        }
    }

    private void assertErased(JdbcClient db, String id) {
        UUID subject = UUID.fromString(id);
        assertThat(db.sql("SELECT erasure_completed_at IS NOT NULL FROM register_subject WHERE id = :id").param("id", subject)
                .query(Boolean.class).single()).as("erasure of " + id + " completed").isTrue();
        assertThat(db.sql("SELECT count(*) FROM register_record WHERE subject_id = :id").param("id", subject)
                .query(Long.class).single()).isZero();
        assertThat(db.sql("SELECT count(*) FROM register_blind_index WHERE subject_id = :id").param("id", subject)
                .query(Long.class).single()).isZero();
        assertThat(db.sql("SELECT count(*) FROM vern_keys.subject_key WHERE subject_id = :id").param("id", subject)
                .query(Long.class).single()).isZero();
        assertThat(db.sql("SELECT count(*) FROM crypto_shred_ledger WHERE subject_id = :id").param("id", subject)
                .query(Long.class).single()).isEqualTo(1);
    }

    private static void awaitNoUnfinishedErasure(JdbcClient db) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (db.sql("SELECT count(*) FROM register_subject WHERE erased_at IS NOT NULL AND erasure_completed_at IS NULL")
                    .query(Long.class).single() == 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("interrupted erasures were not finished by the recovery job");
    }

    /** Subjects that are not among the contacts the test created one by one: those the import created. */
    private static long importedCount(JdbcClient db, List<String> created) {
        return db.sql("SELECT count(*) FROM register_subject WHERE NOT (id::text = ANY(CAST(:created AS text[])))")
                .param("created", created.toArray(String[]::new)).query(Long.class).single();
    }

    private static String importCsv() {
        StringBuilder csv = new StringBuilder("navn;e-post;telefon\n");
        for (int i = 0; i < IMPORTED; i++) {
            csv.append("Import Testesen ").append(i).append(";import.").append(i).append("@prosess.example;+47 9")
                    .append(String.format("%07d", 1_000_000 + i)).append('\n');
        }
        return csv.toString();
    }

    private Process start(Path dir, int port, int run) throws Exception {
        Path log = Path.of("target/faults/vern-" + dir.getFileName() + "-" + run + ".log");
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "no.vern.VernApplication", "--vern.db.url=" + database.getJdbcUrl("postgres", "postgres"),
                "--vern.db.user=postgres", "--vern.keys.generate-missing=true",
                "--vern.keys.directory=" + dir.resolveSibling(dir.getFileName() + "-keys"), "--server.port=" + port,
                "--vern.bootstrap.api-token=" + TOKEN, "--vern.register.erasure-recovery-interval=PT2S",
                "--vern.data-dir=" + dir.resolveSibling(dir.getFileName() + "-data"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("Vern process is running (see " + log + ")").isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return process;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Vern did not become ready; see " + log);
    }

    private HttpResponse<String> send(int port, String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofMinutes(3));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
