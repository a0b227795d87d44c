package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import no.vern.VernApplication;
import no.vern.communications.Campaign;
import no.vern.communications.CampaignDraft;
import no.vern.communications.CampaignReport;
import no.vern.communications.Communications;
import no.vern.communications.ListKind;
import no.vern.communications.MailingList;
import no.vern.communications.NewList;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.support.Canaries;
import no.vern.support.MailTestSupport;
import no.vern.support.TestDatabases;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14, item 3: two Vern processes' worth of nodes (two application contexts with their own HTTP
 * ports) on one PostgreSQL, reached over loopback HTTP with nothing in between. A login made on node A
 * works on node B (sessions live in PostgreSQL, no sticky sessions), and a consent withdrawn through
 * node A's API is refused by node B's consent check at once (GDPR Art. 7(3): no stale cache). A newsletter
 * sent while both nodes run the sending job reaches every reader exactly once (SMTP on GreenMail).
 *
 * <p>Both nodes are applications of the test's own on a database of their own, and it reads only mail to the addresses
 * it made: it runs beside the suite on the second worker ({@link no.vern.support.Isolated}).
 */
@no.vern.support.Isolated
class TwoNodesTest extends MailTestSupport {

    private static final String PASSWORD = "to-noder-sjef-passord";
    private static final String TOKEN = "vern_bootstrap_token_two_nodes_0123456789";

    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        // Both nodes on one database of their own on the test JVM's PostgreSQL.
        String url = TestDatabases.fresh();
        String keys = Path.of("target/two-nodes-keys/" + UUID.randomUUID()).toString();
        nodeA = node(url, keys);
        nodeB = node(url, keys);
    }

    @AfterAll
    static void stop() throws Exception {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { nodeB, nodeA }) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void aLoginOnOneNodeIsValidOnTheOther() throws Exception {
        HttpResponse<String> page = http.send(get(nodeA, "/login").build(), HttpResponse.BodyHandlers.ofString());
        String anonymous = sessionCookie(page);
        String csrf = match(page.body(), "name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
        String form = "username=admin&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        HttpResponse<String> login = http.send(request(nodeA, "/login").header("Cookie", anonymous)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String session = sessionCookie(login);

        HttpResponse<String> onB = http.send(get(nodeB, "/console").header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onB.statusCode()).isEqualTo(200);
        HttpResponse<String> withoutSession = http.send(get(nodeB, "/console").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutSession.statusCode()).isEqualTo(302);
    }

    @Test
    void aWithdrawalThroughOneNodeIsHonouredByTheOtherAtOnce() throws Exception {
        String email = "to.noder." + UUID.randomUUID().toString().substring(0, 8) + "@kanarifugl.example";
        JsonNode given = json.readTree(send(nodeA, "POST", "/api/v1/consents",
                "{\"purpose\":\"prospect-dialogue\",\"channel\":\"WEB_FORM\",\"language\":\"nb\"}", 201));
        String subject = given.get("subjectId").asText();
        send(nodeA, "POST", "/api/v1/subjects", """
                {"id":"%s","kinds":["PROSPECT"],"purpose":"prospect-dialogue","name":"%s","email":"%s"}
                """.formatted(subject, Canaries.NAME, email), 201);
        String check = "{\"purpose\":\"prospect-dialogue\",\"email\":\"" + email + "\"}";
        assertThat(json.readTree(send(nodeB, "POST", "/api/v1/consents/check", check, 200)).get("allowed").asBoolean()).isTrue();

        send(nodeA, "POST", "/api/v1/consents/" + given.get("receiptId").asText() + "/withdraw", "{}", 200);

        assertThat(json.readTree(send(nodeB, "POST", "/api/v1/consents/check", check, 200)).get("allowed").asBoolean()).isFalse();
    }

    @Test
    void aNewsletterSentByBothNodesReachesEveryReaderExactlyOnce() throws Exception {
        SubjectRegister register = nodeA.getBean(SubjectRegister.class);
        Communications communications = nodeB.getBean(Communications.class);
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            String email = uniqueEmail();
            register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), "customer-newsletter", Source.CUSTOMER,
                    null, PersonalData.contact("Leser Nummer " + i, email, null)));
            readers.add(email);
        }
        MailingList list = communications.createList(new NewList("To noder " + UUID.randomUUID(), ListKind.NEWSLETTER,
                "customer-newsletter", Set.of(SubjectKind.CUSTOMER_CONTACT)));
        String subject = "To noder " + UUID.randomUUID();
        Campaign campaign = communications.queue(communications.compose(new CampaignDraft(list.id(), subject, subject,
                "Hei {{name}}", "Hi {{name}}")).id());

        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (communications.report(campaign.id()).pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        CampaignReport report = nodeA.getBean(Communications.class).report(campaign.id());
        assertThat(report.pending()).as("nothing left to send").isZero();
        assertThat(report.sent()).isEqualTo(readers.size());
        assertThat(report.failed() + report.uncertain()).isZero();
        for (String reader : readers) {
            assertThat(mailTo(reader, subject)).as("messages to one reader").hasSize(1);
        }
    }

    private static ConfigurableApplicationContext node(String url, String keys) {
        return new SpringApplicationBuilder(VernApplication.class).run("--vern.db.url=" + url, "--vern.db.user=postgres",
                "--vern.keys.generate-missing=true", "--vern.keys.directory=" + keys, "--server.port=0",
                "--db-scheduler.enabled=true",
                "--vern.bootstrap.admin-password=" + PASSWORD, "--vern.bootstrap.api-token=" + TOKEN,
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + MAIL.getSmtp().getPort(),
                // small batches, polled every second, so that both nodes claim batches of the same campaign
                "--vern.communications.send-interval=PT1S", "--vern.communications.batch-size=7",
                "--vern.communications.per-minute=6000");
    }

    private String send(ConfigurableApplicationContext node, String method, String path, String body, int expected)
            throws Exception {
        HttpRequest.Builder request = request(node, path).header("Authorization", "Bearer " + TOKEN);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path).isEqualTo(expected);
        return response.body();
    }

    private static HttpRequest.Builder get(ConfigurableApplicationContext node, String path) {
        return request(node, path).GET();
    }

    private static HttpRequest.Builder request(ConfigurableApplicationContext node, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port") + path));
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("VERN_SESSION="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no session cookie"));
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("pattern " + regex).isTrue();
        return m.group(1);
    }
}
