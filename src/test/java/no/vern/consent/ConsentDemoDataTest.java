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
            ConsentLedger ledger = vern.getBean(ConsentLedger.class);
            assertThat(ledger.counts()).filteredOn(c -> c.purposeKey().equals("prospect-dialogue"))
                    .singleElement().satisfies(c -> assertThat(c.active()).isEqualTo(5));
            assertThat(ledger.counts()).filteredOn(c -> c.purposeKey().equals("recruitment"))
                    .singleElement().satisfies(c -> assertThat(c.active()).isEqualTo(3));
            SubjectRegister register = vern.getBean(SubjectRegister.class);
            assertThat(register.findByEmail("solveig.aasheim@example.no")).singleElement()
                    .satisfies(s -> assertThat(ledger.current(s.id(), "prospect-dialogue")).isPresent());
        }
    }
}
