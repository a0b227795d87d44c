package no.vern.consent;

import static no.vern.consent.ConsentTestSupport.NB;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import no.vern.VernApplication;
import no.vern.register.ConsentGate;
import no.vern.shared.DatabaseEndpoint;
import no.vern.shared.SubjectId;
import no.vern.support.VernTest;

/**
 * Two Vern nodes on one database: a withdrawal made on one is honoured by the gate of the other at
 * once, because the gate reads the projection by primary key and keeps no cache (GDPR Art. 7(3)).
 */
@VernTest
class ConsentSecondInstanceTest {

    @Autowired
    ConsentLedger ledgerA;
    @Autowired
    ConsentGate gateA;
    @Autowired
    DatabaseEndpoint database;
    @Value("${vern.data-dir}")
    String dataDir;

    @Test
    void aSecondInstanceOnTheSameDatabaseSeesAWithdrawalAtOnce() {
        try (ConfigurableApplicationContext nodeB = new SpringApplicationBuilder(VernApplication.class).run(
                "--vern.db.url=" + database.url(), "--vern.db.user=" + database.user(),
                "--vern.db.password=" + database.password(), "--server.port=0", "--vern.keys.generate-missing=true",
                "--vern.keys.directory=" + dataDir + "/keys", "--vern.demo.mode=false")) {
            ConsentGate gateB = nodeB.getBean(ConsentGate.class);
            ConsentLedger ledgerB = nodeB.getBean(ConsentLedger.class);

            ConsentReceipt receipt = ledgerA.give(GiveConsent.of(null, "prospect-dialogue", Channel.WEB_FORM, NB));
            SubjectId subject = receipt.subject();
            assertThat(gateB.permits(subject, "prospect-dialogue")).isTrue();

            ledgerA.withdraw(subject, "prospect-dialogue", Channel.EMAIL_TO_PRIVACY_MAILBOX, null);
            assertThat(gateB.permits(subject, "prospect-dialogue")).isFalse();

            // And the other way round: a consent given on B opens A's gate, a withdrawal on B closes it.
            ledgerB.give(GiveConsent.of(subject, "prospect-dialogue", Channel.PHONE, NB));
            assertThat(gateA.permits(subject, "prospect-dialogue")).isTrue();
            ledgerB.withdraw(subject, "prospect-dialogue", Channel.PHONE, null);
            assertThat(gateA.permits(subject, "prospect-dialogue")).isFalse();
        }
    }
}
