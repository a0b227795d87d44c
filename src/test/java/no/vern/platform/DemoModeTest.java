package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

import no.vern.VernApplication;
import no.vern.console.DemoMailServer;
import no.vern.identity.StaffAccounts;

/**
 * What a newcomer gets from {@code ./mvnw spring-boot:run}: demo users with their logins written
 * to the data directory, every module's demo data, and a local mail server that receives what
 * Vern sends.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
@no.vern.support.Isolated
class DemoModeTest {

    @Test
    void demoModeCreatesDemoUsersAndDeliversMailLocally(org.springframework.boot.test.system.CapturedOutput output)
            throws Exception {
        Path dataDir = Path.of("target/demo-" + UUID.randomUUID());
        int smtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        try (ConfigurableApplicationContext vern = new SpringApplicationBuilder(VernApplication.class).run(
                "--server.port=0", "--vern.demo.mode=true", "--vern.data-dir=" + dataDir,
                "--spring.mail.port=" + smtpPort)) {
            // Demo data loads after readiness, on its own thread (issue 28 item 9).
            assertThat(vern.getBean(no.vern.shared.DemoData.Loading.class).awaitLoaded(java.time.Duration.ofMinutes(2))).isTrue();
            assertThat(output.getOut()).contains("Demo data of 10 modules loaded");
            assertThat(vern.getBean(StaffAccounts.class).list()).extracting(a -> a.username())
                    .contains("personvern", "saksbehandler", "salg", "rekruttering", "marked", "revisor");
            // Security programme: two trainings, the recruiter's lapsed; the quarter's access review is due.
            no.vern.training.TrainingRegister training = vern.getBean(no.vern.training.TrainingRegister.class);
            assertThat(training.trainings()).hasSize(2);
            assertThat(training.overdue()).extracting(s -> s.username()).containsExactly("rekruttering");
            assertThat(vern.getBean(no.vern.training.AccessReviews.class).unreviewed()).isPositive();
            // Connectors' demo: a real second database on the embedded server as CRM, and a manual accounting task.
            var connectors = vern.getBean(no.vern.connectors.ConnectorRegistry.class);
            assertThat(connectors.list()).extracting(no.vern.connectors.Connector::name).contains("CRM (demo)", "Regnskap (demo)");
            var crm = connectors.list().stream().filter(c -> c.name().equals("CRM (demo)")).findFirst().orElseThrow();
            assertThat(connectors.test(crm.id()).ok()).isTrue();
            assertThat(connectors.dryRun(crm.id(), "solveig.aasheim@example.no").rows()).isEqualTo(3);
            // Retention's demo: an ended agreement, a legal hold and a dry run (with due items) ready to review.
            assertThat(vern.getBean(no.vern.retention.LegalHolds.class).list()).anyMatch(h -> h.active());
            assertThat(vern.getBean(no.vern.retention.Purges.class).runs(5))
                    .anyMatch(r -> r.dryRun() && r.due() > 0 && r.held() > 0 && r.approvedAt() == null);
            // Every module's demo data, in order: 25 invented contacts, then 8 consented prospects/candidates,
            // then 8 event participants (pending items are not in the register before consent), then 5
            // newsletter subscribers (communications).
            assertThat(vern.getBean(no.vern.register.SubjectRegister.class).list(0, 10).total()).isEqualTo(46);
            // Two upcoming events, one of them full with a waiting list.
            assertThat(vern.getBean(no.vern.events.EventRegistry.class).list()).hasSize(2)
                    .anySatisfy(e -> {
                        assertThat(e.full()).isTrue();
                        assertThat(e.waiting()).isEqualTo(2);
                    });
            no.vern.communications.Communications communications = vern.getBean(no.vern.communications.Communications.class);
            assertThat(communications.lists()).extracting(l -> l.name()).contains("Fjellvik Innsikt");
            assertThat(communications.campaigns()).singleElement()
                    .satisfies(c -> assertThat(communications.report(c.id()).sent()).isEqualTo(5));
            assertThat(communications.activity(1)).singleElement().satisfies(d -> assertThat(d.objections()).isEqualTo(2));
            Path logins = dataDir.resolve("demo-logins.txt");
            assertThat(Files.readString(logins)).contains("personvern").contains("PRIVACY_OFFICER");
            // Issue 24, item 6: the passwords are only in the file, which only its owner can read.
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(logins)))
                    .isEqualTo("rw-------");
            java.util.regex.Matcher password = java.util.regex.Pattern.compile("personvern\\s+(\\S+)\\s+PRIVACY_OFFICER")
                    .matcher(Files.readString(logins));
            assertThat(password.find()).isTrue();
            assertThat(output.getAll()).contains("personvern", "demo-logins.txt").doesNotContain(password.group(1));

            SimpleMailMessage mail = new SimpleMailMessage();
            mail.setFrom("vern@demo.example");
            mail.setTo("mottaker@demo.example");
            mail.setSubject("Demo");
            mail.setText("Hei");
            vern.getBean(JavaMailSender.class).send(mail);

            DemoMailServer server = vern.getBean(DemoMailServer.class);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            // Demo data sends mail too (breach notices, event confirmations, consent requests): find this one.
            while (server.received().stream().noneMatch(m -> m.subject().equals("Demo"))
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            // The demo newsletter (communications) is in the same mailbox; the test mail is the one called "Demo".
            assertThat(server.received()).filteredOn(m -> m.subject().equals("Demo")).singleElement().satisfies(m -> {
                assertThat(m.subject()).isEqualTo("Demo");
                assertThat(m.to()).isEqualTo("mottaker@demo.example");
            });
        }
    }
}
