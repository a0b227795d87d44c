package no.vern.breach.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jakarta.mail.internet.MimeMessage;
import no.vern.breach.Breach;
import no.vern.breach.BreachMailSupport;
import no.vern.breach.BreachRegister;
import no.vern.breach.Channel;
import no.vern.breach.NewBreach;
import no.vern.breach.NotificationPhase;
import no.vern.breach.RiskLevel;
import no.vern.support.Canaries;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/**
 * Mail to the privacy officer: the report at once (S22), and escalations while the clock runs (Art. 33(1)).
 * Both go through the shared outbox, which sends right after the change commits.
 */
@VernTest
class BreachMailTests extends BreachMailSupport {

    @Autowired
    BreachRegister register;
    @Autowired
    Escalations escalations;
    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    Breach reportNow(String contact) {
        Instant now = clock.instant();
        return register.report(new NewBreach("Open share", "A share was open to all staff.", now, now,
                Channel.PUBLIC_FORM, contact));
    }

    static String body(MimeMessage message) throws Exception {
        return String.valueOf(message.getContent());
    }

    /**
     * Officer mail about this breach whose subject contains the text; the GreenMail server is shared by the
     * breach test contexts, whose databases number their receipts alike, so the body's console link decides.
     */
    static java.util.List<MimeMessage> mailAbout(Breach b, String subjectPart) {
        return mailAbout(subjectPart).stream().filter(m -> {
            try {
                return body(m).contains("/console/breach/" + b.id());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void reportReachesTheOfficerMailboxAtOnceWithoutTheReporterContact() throws Exception {
        Breach b = reportNow(Canaries.EMAIL);
        assertThat(mailAbout(b, b.receipt())).singleElement().satisfies(m -> {
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo("personvern@fjellvik.example");
            assertThat(body(m)).contains(b.receipt(), "/console/breach/" + b.id()).doesNotContain(Canaries.EMAIL);
        });
    }

    @Test
    void escalationEmailsArriveOnceEachAt24And60Hours() throws Exception {
        Breach b = reportNow(null);
        escalations.run();
        assertThat(mailAbout(b, b.receipt())).hasSize(1);

        clock.advance(Duration.ofHours(24).plusMinutes(5));
        escalations.run();
        escalations.run();
        assertThat(mailAbout(b, "24 h: breach " + b.receipt())).hasSize(1);
        assertThat(mailAbout(b, "60 h: breach " + b.receipt())).isEmpty();

        clock.advance(Duration.ofHours(36));
        escalations.run();
        escalations.run();
        assertThat(mailAbout(b, "24 h: breach " + b.receipt())).hasSize(1);
        assertThat(mailAbout(b, "60 h: breach " + b.receipt())).hasSize(1);
        assertThat(register.timeline(b.id())).filteredOn(e -> e.kind().equals("escalated")).hasSize(2);
    }

    @Test
    void demoDataShowsAClosedANotifiedAndARunningBreach(@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc,
            @Autowired no.vern.crypto.SubjectCipher cipher, @Autowired no.vern.crypto.CryptoShredder shredder) {
        Breaches empty = new Breaches(jdbc, cipher, shredder) {
            @Override
            long count() {
                return 0;
            }
        };
        java.util.Set<no.vern.breach.BreachId> before = register.list().stream().map(Breach::id)
                .collect(java.util.stream.Collectors.toSet());
        new DemoBreaches(new no.vern.shared.DemoMode(true, java.nio.file.Path.of("target")), empty, register, clock).load();
        java.util.List<Breach> demo = register.list().stream().filter(b -> !before.contains(b.id())).toList();
        assertThat(demo).extracting(Breach::status).containsExactlyInAnyOrder(no.vern.breach.BreachStatus.CLOSED,
                no.vern.breach.BreachStatus.NOTIFIED_AUTHORITY, no.vern.breach.BreachStatus.REPORTED);
        assertThat(demo).filteredOn(b -> b.status() == no.vern.breach.BreachStatus.CLOSED).singleElement()
                .satisfies(b -> assertThat(b.riskReasoning()).isNotBlank());
        assertThat(demo).filteredOn(Breach::clockRunning).singleElement()
                .satisfies(b -> assertThat(b.timeLeft(clock.instant())).isPositive());
    }

    @Test
    void noEscalationOnceNotifiedOrAssessedAsNoRisk() throws Exception {
        Breach notified = reportNow(null);
        register.recordAuthorityNotification(notified.id(), NotificationPhase.INITIAL, clock.instant(), "DT-1", "");
        Breach noRisk = reportNow(null);
        register.assess(noRisk.id(), RiskLevel.NONE, "Only public data.");
        clock.advance(Duration.ofHours(61));
        escalations.run();
        assertThat(mailAbout(notified, "h: breach " + notified.receipt())).isEmpty();
        assertThat(mailAbout(noRisk, "h: breach " + noRisk.receipt())).isEmpty();
    }
}
