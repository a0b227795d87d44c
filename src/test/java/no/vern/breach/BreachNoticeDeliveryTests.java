package no.vern.breach;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

import jakarta.mail.internet.MimeMessage;
import no.vern.shared.SubjectId;
import no.vern.support.VernTest;

/**
 * The {@link BreachNoticeSender} SPI end to end: a stand-in for the communications module (which
 * will know each person's address and language) delivers through SMTP, and the register records
 * the outcome per person (GDPR Art. 34(1)).
 */
@VernTest
@Import(BreachNoticeDeliveryTests.StandIn.class)
class BreachNoticeDeliveryTests extends BreachMailSupport {

    /** Addresses and languages as the register would know them. */
    static final Map<SubjectId, String[]> PEOPLE = new ConcurrentHashMap<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class StandIn {
        @Bean
        BreachNoticeSender mailingNoticeSender(JavaMailSender mail) {
            return (subject, notice) -> {
                String[] person = PEOPLE.get(subject);
                if (person == null) {
                    return NoticeOutcome.failed();
                }
                SimpleMailMessage message = new SimpleMailMessage();
                message.setFrom("personvern@fjellvik.example");
                message.setTo(person[0]);
                message.setSubject(notice.subject(person[1]));
                message.setText(notice.text(person[1]));
                mail.send(message);
                return NoticeOutcome.sent(person[1]);
            };
        }
    }

    @Autowired
    BreachRegister register;

    @Test
    void noticesToLinkedSubjectsArriveInTheirLanguageAndAreRecordedPerPerson() throws Exception {
        SubjectId norwegian = SubjectId.random();
        SubjectId english = SubjectId.random();
        SubjectId unknown = SubjectId.random();
        PEOPLE.put(norwegian, new String[] { "ola@example.org", "nb" });
        PEOPLE.put(english, new String[] { "jane@example.org", "en" });
        Instant now = Instant.now();
        Breach b = register.report(new NewBreach("Bank details exposed", "A payroll file was emailed to a partner.",
                now, now, Channel.CONSOLE, null));
        register.updateFacts(b.id(), new BreachFacts("A payroll file was emailed to a partner.", "", "", null, null,
                List.of("bank-information"), List.of(), 3L, 3L, "", "Misuse of account numbers.", "The partner deleted it.", "", ""));
        // GDPR Art. 34(1): high risk, so each person is told without undue delay.
        register.assess(b.id(), RiskLevel.HIGH_RISK, "Bank account numbers with names.");
        register.linkSubjects(b.id(), List.of(norwegian, english, unknown), "id");
        register.decideSubjectNotice(b.id(), null, "", "");
        List<AffectedSubject> outcome = register.notifySubjects(b.id());

        List<MimeMessage> mail = noticesAbout(b);
        assertThat(mail).hasSize(2);
        MimeMessage toOla = mail.stream().filter(m -> recipient(m).equals("ola@example.org")).findFirst().orElseThrow();
        MimeMessage toJane = mail.stream().filter(m -> recipient(m).equals("jane@example.org")).findFirst().orElseThrow();
        assertThat(subject(toOla)).startsWith("Sikkerhetsbrudd som gjelder deg");
        assertThat(String.valueOf(toOla.getContent())).contains("Hva som skjedde", "Misuse of account numbers.");
        assertThat(subject(toJane)).startsWith("A security breach that concerns you");
        assertThat(String.valueOf(toJane.getContent())).contains("What happened", "The partner deleted it.");

        assertThat(outcome).filteredOn(s -> s.subject().equals(norwegian)).singleElement()
                .satisfies(s -> assertThat(s.noticeLanguage()).isEqualTo("nb"));
        assertThat(outcome).filteredOn(s -> s.subject().equals(english)).singleElement()
                .satisfies(s -> assertThat(s.noticeLanguage()).isEqualTo("en"));
        assertThat(outcome).filteredOn(s -> s.subject().equals(unknown)).singleElement().satisfies(s -> {
            assertThat(s.noticeStatus()).isEqualTo("FAILED");
            assertThat(s.notifiedAt()).isNull();
        });
        // Sending again reaches only those not yet told.
        register.notifySubjects(b.id());
        assertThat(noticesAbout(b)).hasSize(2);
    }

    /** The notices to the people of this test (the officer is told of every report as well). */
    static List<MimeMessage> noticesAbout(Breach b) {
        return mailAbout(b.receipt()).stream()
                .filter(m -> PEOPLE.values().stream().anyMatch(p -> p[0].equals(recipient(m)))).toList();
    }

    static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
