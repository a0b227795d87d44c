package no.vern.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import no.vern.VernApplication;
import no.vern.register.SubjectRegister;

/** In demo mode a newcomer finds invented prospects and candidates who consented before they were stored. */
@no.vern.support.Isolated
class ConsentDemoDataTest {

    @Test
    void demoModeRecordsConsentsBeforeEnteringProspectsAndCandidates() throws Exception {
        Path dataDir = Path.of("target/demo-consent-" + UUID.randomUUID());
        int smtpPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        try (ConfigurableApplicationContext vern = new SpringApplicationBuilder(VernApplication.class).run(
                "--server.port=0", "--vern.demo.mode=true", "--vern.data-dir=" + dataDir,
                "--spring.mail.port=" + smtpPort)) {
            // Demo data loads after readiness, on its own thread (issue 28 item 9).
            assertThat(vern.getBean(no.vern.shared.DemoData.Loading.class).awaitLoaded(java.time.Duration.ofMinutes(2))).isTrue();
            ConsentLedger ledger = vern.getBean(ConsentLedger.class);
            assertThat(ledger.counts()).filteredOn(c -> c.purposeKey().equals("prospect-dialogue"))
                    .singleElement().satisfies(c -> assertThat(c.active()).isEqualTo(5 + 3)); // + 3 event sign-ups with CRM consent
            assertThat(ledger.counts()).filteredOn(c -> c.purposeKey().equals("recruitment"))
                    .singleElement().satisfies(c -> assertThat(c.active()).isEqualTo(3));
            // Two items of data that arrived before consent, waiting for an answer and not in the register.
            assertThat(vern.getBean(PendingConsents.class).list(java.util.Set.of("recruitment", "prospect-dialogue")))
                    .hasSize(2).allSatisfy(p -> assertThat(p.status()).isEqualTo(PendingStatus.PENDING));
            SubjectRegister register = vern.getBean(SubjectRegister.class);
            assertThat(register.findByEmail("vegard.holmoy@example.no")).isEmpty();
            assertThat(register.findByEmail("solveig.aasheim@example.no")).singleElement()
                    .satisfies(s -> assertThat(ledger.current(s.id(), "prospect-dialogue")).isPresent());
        }
    }
}
