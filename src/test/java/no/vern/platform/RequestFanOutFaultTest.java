package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import no.vern.connectors.internal.CrmDatabase;

/**
 * Issue 14, item 2: erasure requests (GDPR Art. 17, Art. 19) fan out to a connected system — a CRM in a
 * second database of the same PostgreSQL, reached by a JDBC connector — as durable leased steps
 * ({@code ERASE} and {@code VERIFY_ERASED} per case). Vern is killed with SIGKILL while the step job works
 * through them and started again. Afterwards every step is done and recorded exactly once (one successful
 * outcome in the audit log each; only a step claimed by the dead node is run again, after its lease), the
 * CRM rows of every requester are deleted, masked or nulled as configured, other customers are untouched,
 * the requesters are crypto-shredded in Vern, the answers held for the recipients survive, and every case completes
 * once its recipients are settled.
 */
@ChildProcesses
class RequestFanOutFaultTest {

    private static final int CASES = 60;
    private static final int OTHERS = 20;

    private VernProcess vern;
    private GreenMail mail;
    private SingleConnectionDataSource crmConnection;

    @AfterEach
    void stop() throws Exception {
        if (crmConnection != null) {
            crmConnection.destroy();
        }
        if (vern != null) {
            vern.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void killedMidFanOutEveryStepFinishesOnceAndEveryRequesterIsGoneFromTheCrm() throws Exception {
        mail = new GreenMail(new ServerSetup(VernProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        vern = VernProcess.onFreshDatabase();
        Path secrets = vern.sibling("secrets");
        vern.with("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mail.getSmtp().getPort(),
                "--vern.connectors.secrets-dir=" + secrets.toAbsolutePath(), "--vern.connectors.lease=PT3S",
                "--vern.connectors.backoff=PT1S", "--vern.connectors.allow-loopback=true"); // the CRM listens on loopback
        JdbcClient crm = crm(secrets);
        for (int i = 0; i < CASES + OTHERS; i++) {
            crm.sql("INSERT INTO customer (full_name, email, mobile, segment) VALUES (?, ?, ?, 'b2c')")
                    .params("Crm Kundesen " + i, email(i), "+479170" + String.format("%04d", i)).update();
            crm.sql("INSERT INTO orders (customer_email, product, amount, delivery_address) VALUES (?, 'Turstøvler', 499.00, ?)")
                    .params(email(i), "Feilvegen " + i + ", 0150 Oslo").update();
            crm.sql("INSERT INTO newsletter (email, topic) VALUES (?, 'nyheter')").params(email(i)).update();
        }

        // Set-up with the step job idle, so that the whole fan-out is waiting when the job starts.
        vern.start("--vern.connectors.run-in-background=false");
        String connector = vern.api("POST", "/api/v1/connectors", """
                {"name":"CRM (feiltest)","owner":"Salg","type":"JDBC","activityIds":["customers"],"config":%s}
                """.formatted(quoted(config(vern.database().getPort())))).get("id").asText();
        assertThat(vern.api("POST", "/api/v1/connectors/" + connector + "/approve", null).toString()).as("approved")
                .contains("\"active\":true");
        assertThat(vern.api("POST", "/api/v1/connectors/" + connector + "/test", null).toString()).as("connection test")
                .contains("\"ok\":true");
        // Each case in order (subject, request, verification, completion); the cases side by side.
        List<String[]> subjectAndCase = VernProcess.concurrently(CASES, i -> {
            String subject = vern.api("POST", "/api/v1/subjects", """
                    {"kinds":["CUSTOMER_CONTACT"],"purpose":"customer-administration","name":"Crm Kundesen %d","email":"%s"}
                    """.formatted(i, email(i))).get("id").asText();
            String id = vern.api("POST", "/api/v1/requests", """
                    {"kind":"ERASURE","email":"%s","channel":"EMAIL"}""".formatted(email(i))).get("id").asText();
            vern.api("POST", "/api/v1/requests/" + id + "/verify", "{\"how\":\"svar fra registrert adresse\"}");
            // Erased in Vern at once; the answer waits for the CRM's steps and the record's recipients (GDPR Art. 19).
            assertThat(vern.api("POST", "/api/v1/requests/" + id + "/complete", "{}").get("status").asText())
                    .isEqualTo("INFORMING_RECIPIENTS");
            return new String[] { subject, id };
        });
        List<String> subjects = subjectAndCase.stream().map(sc -> sc[0]).toList();
        List<String> cases = subjectAndCase.stream().map(sc -> sc[1]).toList();
        assertThat(steps("PENDING")).as("an ERASE and a VERIFY_ERASED step per case").isEqualTo(2L * CASES);
        vern.kill(); // idle: nothing in flight

        String background = "--vern.connectors.run-in-background=true"; // the test config on the class path switches it off
        vern.start(background);
        vern.killWhen(() -> steps("DONE") >= CASES, () -> "half of the steps to be done; step states now: "
                + vern.db().sql("SELECT state || ' ' || coalesce(detail, '') FROM connectors_step LIMIT 3").query(String.class).list());
        long doneAtKill = steps("DONE");
        assertThat(doneAtKill).as("the kill landed mid fan-out").isLessThan(2L * CASES);
        Set<UUID> claimedAtKill = Set.copyOf(vern.db().sql("SELECT id FROM connectors_step WHERE state = 'RUNNING'")
                .query(UUID.class).list());

        vern.start(background);
        VernProcess.await(() -> steps("PENDING") + steps("RUNNING") == 0, "every step to settle");

        assertThat(steps("DONE")).as("every step done").isEqualTo(2L * CASES);
        for (UUID step : vern.db().sql("SELECT id FROM connectors_step").query(UUID.class).list()) {
            assertThat(audits(step, "SUCCESS")).as("outcome of step " + step + " recorded once").isEqualTo(1);
            long claims = vern.count("SELECT attempts FROM connectors_step WHERE id = ?", step);
            if (!claimedAtKill.contains(step)) {
                assertThat(claims - audits(step, "FAILURE")).as("step " + step + " ran once").isEqualTo(1);
            }
        }
        assertThat(crm.sql("SELECT count(*) FROM customer").query(Long.class).single()).as("requesters' rows deleted")
                .isEqualTo(OTHERS);
        assertThat(crm.sql("SELECT count(*) FROM orders WHERE customer_email = 'slettet' AND delivery_address = 'slettet'")
                .query(Long.class).single()).as("requesters' orders kept for the books, masked").isEqualTo(CASES);
        assertThat(crm.sql("SELECT count(*) FROM newsletter WHERE email IS NULL").query(Long.class).single()).isEqualTo(CASES);
        for (int i = CASES; i < CASES + OTHERS; i++) {
            assertThat(crm.sql("SELECT count(*) FROM customer WHERE email = ?").params(email(i)).query(Long.class).single())
                    .as("other customers untouched").isEqualTo(1);
            assertThat(crm.sql("SELECT count(*) FROM orders WHERE customer_email = ?").params(email(i)).query(Long.class).single())
                    .isEqualTo(1);
        }
        for (String id : cases) {
            // The held answers survived the kills; once each recipient is settled the case completes.
            assertThat(vern.api("GET", "/api/v1/requests/" + id, null).get("status").asText()).isEqualTo("INFORMING_RECIPIENTS");
            for (var notice : vern.api("GET", "/api/v1/requests/" + id + "/recipients", null).get("recipients")) {
                vern.api("POST", "/api/v1/requests/" + id + "/recipients/" + notice.get("id").asText(),
                        "{\"outcome\":\"TOLD\"}");
            }
            assertThat(vern.api("GET", "/api/v1/requests/" + id, null).get("status").asText()).isEqualTo("COMPLETED");
        }
        vern.awaitNoUnfinishedErasure();
        subjects.forEach(vern::assertErased);
        System.out.printf("Request fan-out fault test: %d cases, %d steps, %d kills (1 mid fan-out) survived, %d steps done"
                + " at the kill, %d claimed by the killed node%n", CASES, 2 * CASES, vern.kills(), doneAtKill, claimedAtKill.size());
    }

    private long steps(String state) {
        return vern.count("SELECT count(*) FROM connectors_step WHERE state = ?", state);
    }

    private long audits(UUID step, String outcome) {
        return vern.count("SELECT count(*) FROM audit_entry WHERE action LIKE 'connectors.step.%' AND outcome = ? AND ? = ANY(targets)",
                outcome, "step:" + step);
    }

    private static String email(int i) {
        return "crm.%d@prosess.example".formatted(i);
    }

    /** A second database on the same PostgreSQL playing the CRM, with its credentials in a secrets file. */
    private JdbcClient crm(Path secrets) throws Exception {
        vern.db().sql("CREATE DATABASE crm_faults").update();
        Files.createDirectories(secrets);
        Files.writeString(secrets.resolve("crm-faults.properties"), "user=postgres\npassword=postgres\n");
        crmConnection = new SingleConnectionDataSource(vern.database().getJdbcUrl("postgres", "crm_faults"), true);
        JdbcClient crm = JdbcClient.create(crmConnection);
        crm.sql("""
                CREATE TABLE customer (id SERIAL PRIMARY KEY, full_name TEXT, email TEXT, mobile TEXT, segment TEXT);
                CREATE TABLE orders (id SERIAL PRIMARY KEY, customer_email TEXT, product TEXT, amount NUMERIC(10,2), delivery_address TEXT);
                CREATE TABLE newsletter (id SERIAL PRIMARY KEY, email TEXT, topic TEXT)""").update();
        return crm;
    }

    private static String config(int port) {
        return CrmDatabase.description("jdbc:postgresql://localhost:" + port + "/crm_faults", "file:crm-faults");
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
