package no.vern.consent;

import static no.vern.consent.ConsentTestSupport.eventually;
import static no.vern.consent.ConsentTestSupport.holdsProspectRecords;
import static no.vern.consent.ConsentTestSupport.prospectConsents;
import static no.vern.consent.ConsentTestSupport.registerProspect;
import static no.vern.consent.ConsentTestSupport.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import no.vern.register.ConsentGate;
import no.vern.register.SubjectRegister;
import no.vern.shared.SubjectId;
import no.vern.support.VernTest;

/** The one-click withdrawal link of a receipt (GDPR Art. 7(3): withdrawing as easy as giving). */
@VernTest
class ConsentWithdrawalLinkTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ConsentLedger ledger;
    @Autowired
    ConsentGate gate;
    @Autowired
    SubjectRegister register;

    static String path(ConsentReceipt receipt) {
        return receipt.withdrawUrl().replaceFirst("^https?://[^/]+", "");
    }

    @Test
    void theLinkShowsOneButtonAndOpeningItChangesNothing() throws Exception {
        ConsentReceipt receipt = prospectConsents(ledger);
        String page = mvc.perform(get(path(receipt))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("lang=\"nb\"", "Trekk tilbake samtykket", "name=\"_csrf\"", "method=\"post\"");
        assertThat(page.split("<button", -1)).hasSize(2);
        assertThat(page).doesNotContain("<script", "style=");
        assertThat(gate.permits(receipt.subject(), "prospect-dialogue")).isTrue();
    }

    @Test
    void pressingTheButtonWithdrawsAtOnceErasesTheRecordsAndConfirms() throws Exception {
        ConsentReceipt receipt = prospectConsents(ledger);
        SubjectId id = registerProspect(register, receipt.subject(), uniqueEmail());

        mvc.perform(post(path(receipt)).with(csrf())).andExpect(status().isFound())
                .andExpect(redirectedUrl(path(receipt) + "/bekreftet"));

        assertThat(gate.permits(id, "prospect-dialogue")).isFalse();
        assertThat(ledger.history(id).get(1).channel()).isEqualTo(Channel.WITHDRAWAL_LINK);
        assertThat(ledger.history(id).get(1).recordedBy()).isEqualTo("subject:" + id);
        eventually(() -> !holdsProspectRecords(register, id));
        String done = mvc.perform(get(path(receipt) + "/bekreftet")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(done).contains("Samtykket er trukket tilbake");
        assertThat(mvc.perform(get(path(receipt))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("gjelder ikke lenger").doesNotContain("<button type=\"submit\"");
    }

    @Test
    void withoutACsrfTokenThePostChangesNothing() throws Exception {
        ConsentReceipt receipt = prospectConsents(ledger);
        mvc.perform(post(path(receipt))).andExpect(status().isForbidden());
        assertThat(gate.permits(receipt.subject(), "prospect-dialogue")).isTrue();
    }

    @Test
    void aTamperedLinkIsRefused() throws Exception {
        ConsentReceipt receipt = prospectConsents(ledger);
        String path = path(receipt);
        String tampered = path.substring(0, path.length() - 2) + (path.endsWith("AA") ? "BB" : "AA");
        // The one refusal page of every signed link, in the language of the address.
        assertThat(mvc.perform(get(tampered)).andExpect(status().isNotFound()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("id=\"link-refused\"", "Lenken virker ikke");
        mvc.perform(post(tampered).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get(tampered + "/kvittering.json")).andExpect(status().isNotFound());
        assertThat(mvc.perform(get(tampered.replace("/samtykke/trekk-tilbake/", "/consent/withdraw/")))
                .andExpect(status().isNotFound()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("id=\"link-refused\"", "This link does not work");
        assertThat(gate.permits(receipt.subject(), "prospect-dialogue")).isTrue();
    }

    @Test
    void theEnglishLinkWithdrawsInEnglish() throws Exception {
        ConsentReceipt receipt = ledger.give(GiveConsent.of(null, "recruitment", Channel.WEB_FORM, Locale.ENGLISH));
        assertThat(path(receipt)).startsWith("/consent/withdraw/");
        String page = mvc.perform(get(path(receipt))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("lang=\"en\"", "Withdraw my consent");

        mvc.perform(post(path(receipt)).with(csrf())).andExpect(redirectedUrl(path(receipt) + "/done"));
        assertThat(gate.permits(receipt.subject(), "recruitment")).isFalse();
    }

    @Test
    void theReceiptJsonIsDownloadableFromTheLink() throws Exception {
        ConsentReceipt receipt = prospectConsents(ledger);
        mvc.perform(get(path(receipt) + "/kvittering.json")).andExpect(status().isOk())
                .andExpect(jsonPath("$.receiptId").value(receipt.receiptId().toString()))
                .andExpect(jsonPath("$.piiPrincipalId").value(receipt.subject().toString()))
                .andExpect(jsonPath("$.jurisdiction").value("NO"))
                .andExpect(jsonPath("$.notice.version").value(receipt.noticeVersion()))
                .andExpect(jsonPath("$.notice.sha256").value(receipt.noticeHash()))
                .andExpect(jsonPath("$.purposes[0].name").isString())
                .andExpect(jsonPath("$.withdrawal.url").value(receipt.withdrawUrl()))
                .andExpect(jsonPath("$.status").value("GIVEN"));
    }
}
