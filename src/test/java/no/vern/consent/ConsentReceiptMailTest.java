package no.vern.consent;

import static no.vern.consent.ConsentTestSupport.NB;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import jakarta.mail.internet.MimeMessage;
import no.vern.support.Canaries;
import no.vern.support.TestMail;
import no.vern.support.VernTest;

/**
 * A receipt sent to the address the person gave (used only to send: never stored, never logged; the
 * canary check of every test class fails on any log line holding it).
 */
@VernTest
class ConsentReceiptMailTest {

    static final GreenMail MAIL = TestMail.server();

    @Autowired
    ConsentLedger ledger;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theReceiptArrivesWithTheWithdrawLinkAndTheAddressIsKeptNowhere() throws Exception {
        ConsentReceipt receipt = ledger.give(GiveConsent.of(null, "prospect-dialogue", Channel.WEB_FORM, NB)
                .withEmail(Canaries.EMAIL));

        // The JVM's mail server is shared by every test: this receipt is the message that names its id.
        MimeMessage message = receiptNaming(receipt.receiptId().toString());
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo(Canaries.EMAIL);
        assertThat(message.getSubject()).startsWith("Kvittering for samtykke");
        String body = GreenMailUtil.getBody(message);
        assertThat(jakarta.mail.internet.MimeUtility.decodeText(body.replace("=\r\n", "").replace("=\n", "")))
                .contains(receipt.receiptId().toString());
        assertThat(body.replace("=\r\n", "").replace("=\n", "").replace("=3D", "="))
                .contains(receipt.withdrawUrl().substring(receipt.withdrawUrl().lastIndexOf('/') + 1));

        // Never stored: not in the ledger, nor anywhere the consent module writes.
        assertThat(jdbc.sql("SELECT count(*) FROM consent_event WHERE consent_event::text ILIKE :e")
                .param("e", "%kanarifugl%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM consent_state WHERE consent_state::text ILIKE :e")
                .param("e", "%kanarifugl%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM event_publication WHERE serialized_event ILIKE :e")
                .param("e", "%kanarifugl%").query(Long.class).single()).isZero();
    }

    private static MimeMessage receiptNaming(String receiptId) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (MimeMessage candidate : MAIL.getReceivedMessages()) {
                if (GreenMailUtil.getBody(candidate).contains(receiptId)) {
                    return candidate;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no receipt naming " + receiptId + " within 10 s");
    }
}
