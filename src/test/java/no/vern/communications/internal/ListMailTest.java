package no.vern.communications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jakarta.mail.internet.MimeMessage;
import no.vern.breach.BreachId;
import no.vern.breach.BreachNotice;
import no.vern.breach.NoticeOutcome;
import no.vern.communications.Campaign;
import no.vern.communications.CampaignReport;
import no.vern.communications.Exclusion;
import no.vern.communications.MailingList;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;

/**
 * List mail end to end (S7, markedsføringsloven § 15, RFC 8058): headers and links in every message,
 * one-click objections over real HTTP, suppression after erasure, at-most-once delivery across crashes.
 */
class ListMailTest extends CommunicationsTestSupport {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    Deliveries deliveries;
    @Autowired
    MailingLists lists;
    @Autowired
    CommunicationsProperties properties;
    @Autowired
    MailBreachNoticeSender breachNotices;

    @Test
    void everyListMessageCarriesBothHeadersAndAWorkingPersonalLinkInThePersonsLanguage() throws Exception {
        String nb = uniqueEmail();
        String en = uniqueEmail();
        reader(Canaries.NAME, nb, "nb");
        reader("Emma Whitfield", en, "en");
        MailingList list = newsletter();
        queued(list);

        sender.sendDue();

        List<String> links = new ArrayList<>();
        for (String email : List.of(nb, en)) {
            List<MimeMessage> received = mailTo(email);
            assertThat(received).hasSize(1);
            MimeMessage m = received.get(0);
            // RFC 2369 / RFC 8058: an HTTPS one-click address and a mailto address, and the one-click marker.
            assertThat(header(m, "List-Unsubscribe")).matches("<https?://[^>]+/(avmelding|unsubscribe)/[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{43}>, <mailto:[^>]+>");
            assertThat(header(m, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
            String body = (String) m.getContent();
            String url = header(m, "List-Unsubscribe").substring(1, header(m, "List-Unsubscribe").indexOf('>'));
            assertThat(body).contains(url);
            links.add(oneClickUrl(m));
        }
        assertThat(mailTo(nb).get(0).getSubject()).startsWith("Nytt fra oss");
        assertThat((String) mailTo(nb).get(0).getContent()).contains("Hei " + Canaries.NAME, "Meld deg av med ett klikk");
        assertThat(mailTo(en).get(0).getSubject()).isEqualTo("News from us");
        assertThat(links.get(0)).contains("/avmelding/");
        assertThat(links.get(1)).contains("/unsubscribe/");
        assertThat(links.get(0)).isNotEqualTo(links.get(1));

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(links.get(0))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("lang=\"nb\"", "Stopp denne listen", "Stopp all e-post fra oss", list.name())
                .doesNotContain("<script", nb);
        HttpResponse<String> english = http.send(HttpRequest.newBuilder(URI.create(links.get(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(english.body()).contains("lang=\"en\"", "Stop this list", "Stop all email from us");
    }

    @Test
    void aRealOneClickPostStopsTheNextSendEvenOfAnIssueAlreadyQueued() throws Exception {
        String email = uniqueEmail();
        SubjectId reader = reader(Canaries.NAME, email, "nb");
        MailingList list = newsletter();
        queued(list);
        sender.sendDue();
        MimeMessage first = mailTo(email).get(0);
        Campaign next = queued(list);
        assertThat(deliveries(next, reader, "PENDING")).isEqualTo(1);

        // RFC 8058 §3.2: the mail client POSTs "List-Unsubscribe=One-Click" to the HTTPS address, no cookies, no CSRF token.
        HttpResponse<String> click = http.send(HttpRequest.newBuilder(URI.create(oneClickUrl(first)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(click.statusCode()).isEqualTo(200);
        assertThat(click.body()).contains("Du er meldt av");

        sender.sendDue();

        assertThat(mailTo(email)).hasSize(1);
        assertThat(deliveries(next, reader, "SUPPRESSED")).isEqualTo(1);
        assertThat(communications.report(next.id()).suppressed()).containsEntry(Exclusion.OBJECTED, 1L);
        assertThat(audience.members(list)).doesNotContain(reader);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE action = 'communications.objection.record' AND :t = ANY(targets)""")
                .param("t", reader.reference()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void thePageStopsEverythingAndALinkCannotBeTurnedAgainstSomeoneElse() throws Exception {
        String email = uniqueEmail();
        SubjectId reader = reader("Test Leser", email, "nb");
        String other = uniqueEmail();
        SubjectId bystander = reader("Test Annen", other, "nb");
        MailingList list = newsletter();
        MailingList second = newsletter();
        queued(list);
        sender.sendDue();
        String url = oneClickUrl(mailTo(email).get(0));
        String token = url.substring(url.lastIndexOf('/') + 1);
        String forged = token.substring(0, 40) + (token.charAt(40) == 'A' ? 'B' : 'A') + token.substring(41);

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(url.replace(token, forged)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("scope=all")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(404);
        HttpResponse<String> all = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("scope=all")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(all.statusCode()).isEqualTo(302);
        assertThat(all.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/bekreftet?scope=all"));

        assertThat(audience.members(second)).doesNotContain(reader).contains(bystander);
    }

    @Test
    void anErasedPersonReimportedFromAnOldSpreadsheetIsNotMailedAgain() throws Exception {
        SubjectId original = reader(Canaries.NAME, Canaries.EMAIL, "nb");
        register.erase(original);
        // GDPR Art. 17 + S7: the suppression list keeps only a keyed hash of the address, never the address.
        assertThat(jdbc.sql("SELECT count(*) FROM communications_suppression WHERE reason = 'ERASED'").query(Long.class)
                .single()).isPositive();
        SubjectId reimported = reader(Canaries.NAME, Canaries.EMAIL, "nb");
        MailingList list = newsletter();

        assertThat(audience.members(list)).doesNotContain(reimported);
        assertThat(communications.preview(list.id()).excluded()).containsKey(Exclusion.ERASED);
        Campaign c = queued(list);
        sender.sendDue();

        assertThat(mailTo(Canaries.EMAIL)).isEmpty();
        assertThat(deliveries(c, reimported, "SENT")).isZero();
    }

    @Test
    void aCrashBetweenBatchesDoesNotSendAnyoneTwice() throws Exception {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            emails.add(uniqueEmail());
            reader("Test Leser", emails.get(i), "nb");
        }
        MailingList list = newsletter();
        Campaign c = queued(list);

        assertThat(sender.sendBatch(2)).isEqualTo(2);
        // The node dies here; another (or the same, restarted) runs the job from the start.
        sender.sendDue();
        sender.sendDue();

        for (String email : emails) {
            assertThat(mailTo(email)).as("one message per person").hasSize(1);
        }
        CampaignReport report = communications.report(c.id());
        assertThat(report.pending()).isZero();
        assertThat(report.sent()).isGreaterThanOrEqualTo(emails.size());
        assertThat(communications.campaign(c.id()).status()).isEqualTo(Campaign.Status.DONE);
    }

    @Test
    void aCrashAfterSendingBeforeRecordingNeverResendsAndCountsAsUncertain() throws Exception {
        String email = uniqueEmail();
        SubjectId reader = reader("Test Leser", email, "nb");
        MailingList list = newsletter();
        Campaign c = queued(list);
        Deliveries.Due due = deliveries.due(clock.instant(), 100_000).stream()
                .filter(d -> d.campaignId().equals(c.id()) && d.subject().equals(reader)).findFirst().orElseThrow();

        // The SMTP server accepted the message, then the node died before recording it.
        assertThat(sender.deliver(c, list, due, false)).isTrue();
        sender.sendDue();
        clock.advance(properties.lease().plus(Duration.ofMinutes(1)));
        sender.sendDue();
        sender.sendDue();

        assertThat(mailTo(email)).hasSize(1);
        assertThat(deliveries(c, reader, "UNCERTAIN")).isEqualTo(1);
        assertThat(communications.report(c.id()).uncertain()).isEqualTo(1);
    }

    @Test
    void aHardBounceSuppressesTheAddressFromTheNextSend() throws Exception {
        String email = uniqueEmail();
        SubjectId reader = reader("Test Leser", email, "nb");
        MailingList list = newsletter();
        communications.recordBounce(email, no.vern.communications.BounceKind.HARD);

        Campaign c = queued(list);
        sender.sendDue();

        assertThat(mailTo(email)).isEmpty();
        assertThat(audience.members(list)).doesNotContain(reader);
        assertThat(deliveries(c, reader, "SENT")).isZero();
    }

    @Test
    void aBreachNoticeReachesThePersonInTheirLanguageAndIsRecordedPerPerson() throws Exception {
        String email = uniqueEmail();
        SubjectId reader = reader("Emma Whitfield", email, "en");
        BreachNotice notice = new BreachNotice(BreachId.random(), "AVVIK-TEST-1",
                Map.of("nb", "Brudd på personopplysningssikkerheten", "en", "Personal data breach"),
                Map.of("nb", "Hva som skjedde", "en", "What happened"));

        NoticeOutcome outcome = breachNotices.send(reader, notice);

        assertThat(outcome).isEqualTo(NoticeOutcome.sent("en"));
        assertThat(mailTo(email)).singleElement().satisfies(m -> {
            assertThat(m.getSubject()).isEqualTo("Personal data breach");
            // The notice, then the company profile's footer (issue 21) under the signature line.
            assertThat(((String) m.getContent()).replace("\r\n", "\n").strip()).startsWith("What happened\n\n-- \n")
                    .contains("Fjellvik Rådgivning AS", "org. no.").doesNotContain("org.nr.");
        });
        assertThat(breachNotices.send(SubjectId.random(), notice).delivery()).isEqualTo(NoticeOutcome.Delivery.FAILED);
        assertThat(jdbc.sql("SELECT outcome FROM communications_breach_notice WHERE subject_id = :s")
                .param("s", reader.value()).query(String.class).single()).isEqualTo("SENT");
    }
}
