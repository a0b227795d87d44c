package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Issue 14, item 2: a newsletter issue is being sent (db-scheduler job {@code communications-send}; one
 * delivery row per campaign × person, claimed and committed before the SMTP call) when Vern is killed
 * with SIGKILL, twice; after each restart the send continues. At most once (markedsføringsloven § 15,
 * docs/communications.md): nobody receives the issue twice, everybody eligible receives it except the
 * deliveries that were claimed but not confirmed at a kill, which are counted {@code UNCERTAIN} and never
 * resent — at most one per kill, since a node claims one delivery at a time. People outside the list's
 * audience receive nothing.
 */
@ChildProcesses
class NewsletterSendFaultTest {

    private static final int ELIGIBLE = 300;
    private static final int OUTSIDE = 20;
    private static final int KILLS = 1;

    private VernProcess vern;
    private GreenMail mail;

    @AfterEach
    void stop() throws Exception {
        if (vern != null) {
            vern.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void killedMidSendEveryEligiblePersonGetsTheIssueAtMostOnceAndOnlyInterruptedOnesAreUncertain() throws Exception {
        mail = new GreenMail(new ServerSetup(VernProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        vern = VernProcess.onFreshDatabase().with("--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + mail.getSmtp().getPort(), "--vern.communications.send-interval=PT1S",
                "--vern.communications.lease=PT2S", "--vern.communications.batch-size=10");
        vern.start();

        Map<String, String> emailOf = new LinkedHashMap<>();
        List<String> eligible = VernProcess.concurrently(ELIGIBLE, i -> vern.api("POST", "/api/v1/subjects", """
                {"kinds":["CUSTOMER_CONTACT"],"purpose":"customer-newsletter","name":"Nyhet Lesersen %d","email":"%s"}
                """.formatted(i, eligibleEmail(i))).get("id").asText());
        for (int i = 0; i < ELIGIBLE; i++) {
            emailOf.put(eligible.get(i), eligibleEmail(i));
        }
        List<String> outside = VernProcess.concurrently(OUTSIDE, i -> {
            String email = "kunde.%d@prosess.example".formatted(i);
            vern.api("POST", "/api/v1/subjects", """
                    {"kinds":["CUSTOMER_CONTACT"],"purpose":"customer-administration","name":"Kunde Kundesen %d","email":"%s"}
                    """.formatted(i, email));
            return email;
        });

        // The marketing department's path: list, composer and send button in the console.
        VernProcess.Console console = vern.console();
        UUID list = VernProcess.lastId(console.post("/console/communications/lists", Map.of("name", "Feiltest-nytt",
                "kind", "NEWSLETTER", "purposeKey", "customer-newsletter", "kinds", "CUSTOMER_CONTACT")));
        UUID campaign = VernProcess.lastId(console.post("/console/communications/lists/" + list + "/campaigns",
                Map.of("subjectNb", "Nytt fra oss", "subjectEn", "News from us", "bodyNb", "Hei {{name}},\n\nnyheter.",
                        "bodyEn", "Hi {{name}},\n\nnews.")));
        console.post("/console/communications/campaigns/" + campaign + "/send", Map.of());
        assertThat(state(campaign, null)).as("one delivery per member of the audience").isEqualTo(ELIGIBLE);

        long inFlightAtKills = 0;
        for (int k = 1; k <= KILLS; k++) {
            long target = (long) ELIGIBLE * k / (KILLS + 1);
            vern.killWhen(() -> state(campaign, "SENT") >= target, target + " messages to be sent");
            long sent = state(campaign, "SENT");
            assertThat(sent).as("the kill landed mid-send").isLessThan(ELIGIBLE);
            inFlightAtKills += state(campaign, "SENDING");
            vern.start();
        }
        VernProcess.await(() -> state(campaign, "PENDING") + state(campaign, "SENDING") == 0, "the send to finish");
        VernProcess.await(() -> "DONE".equals(vern.db().sql("SELECT status FROM communications_campaign WHERE id = ?")
                .params(campaign).query(String.class).single()), "the campaign to be marked done");

        long sent = state(campaign, "SENT");
        long uncertain = state(campaign, "UNCERTAIN");
        assertThat(state(campaign, "FAILED") + state(campaign, "SUPPRESSED")).isZero();
        assertThat(sent + uncertain).as("sent + uncertain = eligible").isEqualTo(ELIGIBLE);
        assertThat(uncertain).as("only deliveries in flight at a kill are uncertain")
                .isEqualTo(inFlightAtKills).isLessThanOrEqualTo(KILLS);

        Map<String, Integer> received = received();
        assertThat(received.values()).as("nobody receives the issue twice").allMatch(n -> n == 1);
        List<String> sentTo = vern.db().sql("SELECT subject_id::text FROM communications_delivery WHERE campaign_id = ? AND state = 'SENT'")
                .params(campaign).query(String.class).list();
        for (String subject : sentTo) {
            assertThat(received.getOrDefault(emailOf.get(subject), 0)).as("messages to a person recorded as sent").isEqualTo(1);
        }
        assertThat(received.keySet()).as("only the list's audience is mailed").allMatch(emailOf::containsValue)
                .doesNotContainAnyElementsOf(outside);
        assertThat((long) received.size()).as("sent, plus any uncertain one that did reach the server")
                .isBetween(sent, sent + uncertain);
        System.out.printf("Newsletter send fault test: %d eligible, %d kills survived, %d sent, %d uncertain, %d received%n",
                ELIGIBLE, vern.kills(), sent, uncertain, received.size());
    }

    private static String eligibleEmail(int i) {
        return "nyhet.%d@prosess.example".formatted(i);
    }

    /** Deliveries of the campaign in a state (all when {@code state} is null). */
    private long state(UUID campaign, String state) {
        return state == null ? vern.count("SELECT count(*) FROM communications_delivery WHERE campaign_id = ?", campaign)
                : vern.count("SELECT count(*) FROM communications_delivery WHERE campaign_id = ? AND state = ?", campaign, state);
    }

    /** Messages GreenMail received, per recipient address. */
    /** Issues received per address (other mail, such as an Art. 14 notice sent before the first issue, not counted). */
    private Map<String, Integer> received() throws MessagingException {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (!List.of("Nytt fra oss", "News from us").contains(m.getSubject())) {
                continue;
            }
            Address[] to = m.getAllRecipients();
            Arrays.stream(to).forEach(a -> counts.merge(((InternetAddress) a).getAddress().toLowerCase(Locale.ROOT), 1, Integer::sum));
        }
        return counts;
    }
}
