package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 28, item 3: consent checks write their audit entries through the group commit (many entries, one commit)
 * and answer only once their batch has committed. Vern as a separate process is killed with SIGKILL while clients
 * send checks as fast as they can; afterwards every check that was answered has exactly one {@code consent.check}
 * entry (found by the request id the client sent), naming the subject it found, and after a restart the whole
 * audit chain seals and verifies.
 */
@ChildProcesses
class ConsentCheckCrashTest {

    private static final int CLIENTS = 8;
    private static final int SUBJECTS = 4;
    private final JsonMapper json = JsonMapper.builder().build();
    private VernProcess vern;

    @AfterEach
    void stop() throws Exception {
        if (vern != null) {
            vern.close();
        }
    }

    @Test
    void killedUnderConsentCheckLoadNoAnsweredCheckLosesItsEntryAndTheChainVerifies() throws Exception {
        vern = VernProcess.onFreshDatabase();
        vern.start();
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < SUBJECTS; i++) {
            subjects.add(vern.api("POST", "/api/v1/subjects", """
                    {"kinds":["CUSTOMER_CONTACT"],"purpose":"customer-administration","name":"Krasj Testesen %d",
                     "email":"krasj.%d@sjekk.example"}
                    """.formatted(i, i)).get("id").asText());
        }
        int port = vern.port();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            int thread = t;
            running.add(clients.submit(() -> {
                for (int i = 0; ; i++) {
                    String requestId = "crash-check-" + thread + "-" + i;
                    HttpRequest check = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/consents/check"))
                            .header("Authorization", "Bearer " + VernProcess.TOKEN).header("X-Request-Id", requestId)
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"krasj." + (i % SUBJECTS)
                                    + "@sjekk.example\",\"purpose\":\"events\"}")).build();
                    try {
                        HttpResponse<String> response = http.send(check, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            answered.add(requestId);
                        }
                    } catch (Exception killed) {
                        return;
                    }
                }
            }));
        }
        vern.killWhen(() -> answered.size() >= 600, () -> "600 answered checks (" + answered.size() + " so far)");
        for (Future<?> f : running) {
            f.get(2, TimeUnit.MINUTES);
        }
        clients.shutdownNow();
        Set<String> acknowledged = new HashSet<>(answered);

        List<String> entries = vern.db().sql("""
                SELECT request_id FROM audit_entry WHERE action = 'consent.check' AND request_id LIKE 'crash-check-%'
                """).query(String.class).list();
        assertThat(new HashSet<>(entries)).as("every answered check has its entry").containsAll(acknowledged);
        assertThat(entries).as("one entry per check").doesNotHaveDuplicates();
        assertThat(vern.count("""
                SELECT count(*) FROM audit_entry WHERE request_id LIKE 'crash-check-%' AND action <> 'consent.check'
                """)).as("no second entry (register lookup) per check").isZero();
        String someAnswered = acknowledged.iterator().next();
        int subject = Integer.parseInt(someAnswered.substring(someAnswered.lastIndexOf('-') + 1)) % SUBJECTS;
        assertThat(vern.db().sql("SELECT array_to_string(targets, ',') FROM audit_entry WHERE request_id = :id")
                .param("id", someAnswered).query(String.class).single())
                .as("the entry names the subject found").isEqualTo("subject:" + subjects.get(subject));

        vern.start();
        VernProcess.await(() -> vern.count("""
                SELECT count(*) FROM audit_entry e WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.entry_id = e.id)
                """) == 0, "every committed entry to be sealed after the restart");
        JsonNode verification = vern.api("GET", "/api/v1/audit/verify", null);
        assertThat(verification.get("ok").asBoolean()).as("chain verifies: " + verification).isTrue();
        assertThat(verification.get("entriesChecked").asLong()).isGreaterThanOrEqualTo(acknowledged.size());
    }

}
