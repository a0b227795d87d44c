package no.vern.communications.internal;

import no.vern.support.TestMail;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import no.vern.communications.Campaign;
import no.vern.communications.CampaignDraft;
import no.vern.communications.Communications;
import no.vern.communications.ListKind;
import no.vern.communications.MailingList;
import no.vern.communications.NewList;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.shared.SubjectId;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/**
 * A full Vern on a real port with one GreenMail SMTP server per test JVM; the send job's own schedule
 * is pushed out of the way (an hour), so tests drive {@link CampaignSender} themselves, batch by batch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "vern.communications.send-interval=1h")
@AutoConfigureMockMvc
@Import(VernTest.Clocks.class)
abstract class CommunicationsTestSupport {

    static final GreenMail MAIL = TestMail.server();

    @LocalServerPort
    int port;
    @Autowired
    Communications communications;
    @Autowired
    SubjectRegister register;
    @Autowired
    CampaignSender sender;
    @Autowired
    Audience audience;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A unique invented address. */
    /** The existing customers' newsletter (soft opt-in), the purpose on legitimate interest. */
    static final String SOFT_OPT_IN = "customer-newsletter";

    static String uniqueEmail() {
        return "leser" + UUID.randomUUID().toString().substring(0, 12) + "@nyhetsbrev.example.no";
    }

    /**
     * A contact of an existing customer holding name and email for the existing customers' newsletter (soft opt-in,
     * markedsføringsloven § 15 second paragraph: legitimate interest, no consent).
     */
    SubjectId reader(String name, String email, String language) {
        SubjectId id = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), SOFT_OPT_IN,
                Source.SUBJECT, null, PersonalData.contact(name, email, null)));
        communications.setLanguage(id, language);
        return id;
    }

    MailingList newsletter() {
        return communications.createList(new NewList("Nyhetsbrev " + UUID.randomUUID(), ListKind.NEWSLETTER, SOFT_OPT_IN,
                Set.of(SubjectKind.CUSTOMER_CONTACT, SubjectKind.CUSTOMER_EMPLOYEE, SubjectKind.NEWSLETTER_RECIPIENT)));
    }

    Campaign queued(MailingList list) {
        Campaign c = communications.compose(new CampaignDraft(list.id(), "Nytt fra oss " + UUID.randomUUID(),
                "News from us", "Hei {{name}},\n\nnyheter.", "Hi {{name}},\n\nnews."));
        return communications.queue(c.id());
    }

    /** Messages GreenMail received for the address. */
    static List<MimeMessage> mailTo(String email) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                Address[] to = m.getAllRecipients();
                return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(email));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static String header(MimeMessage m, String name) {
        try {
            String[] values = m.getHeader(name);
            return values == null ? "" : String.join(",", values);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTTPS (here: HTTP on the test port) address of a message's List-Unsubscribe header. */
    String oneClickUrl(MimeMessage m) {
        String header = header(m, "List-Unsubscribe");
        String url = header.substring(header.indexOf('<') + 1, header.indexOf('>'));
        return url.replaceFirst("^https?://[^/]+", "http://localhost:" + port);
    }

    long deliveries(Campaign c, SubjectId subject, String state) {
        return jdbc.sql("SELECT count(*) FROM communications_delivery WHERE campaign_id = :c AND subject_id = :s AND state = :st")
                .param("c", c.id()).param("s", subject.value()).param("st", state).query(Long.class).single();
    }
}
