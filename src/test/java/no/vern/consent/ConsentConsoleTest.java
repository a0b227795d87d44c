package no.vern.consent;

import static no.vern.consent.ConsentTestSupport.eventually;
import static no.vern.consent.ConsentTestSupport.holdsProspectRecords;
import static no.vern.consent.ConsentTestSupport.prospectConsents;
import static no.vern.consent.ConsentTestSupport.registerProspect;
import static no.vern.consent.ConsentTestSupport.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.register.ConsentGate;
import no.vern.register.SubjectRegister;
import no.vern.shared.RecordNames;
import no.vern.shared.SubjectId;
import no.vern.support.VernTest;

/** The consent console: counts, a subject's timeline, and recording a withdrawal from the privacy mailbox. */
@VernTest
class ConsentConsoleTest {

    @Autowired
    private RecordNames names;

    private String nb(String purposeKey) {
        return names.purpose(purposeKey, Locale.forLanguageTag("nb")).orElseThrow();
    }

    static final RequestPostProcessor OFFICER = user("officer").roles("PRIVACY_OFFICER");
    static final RequestPostProcessor MARKETING = user("marked").roles("MARKETING");
    static final RequestPostProcessor AUDITOR = user("revisor").roles("AUDITOR");

    @Autowired
    MockMvc mvc;
    @Autowired
    ConsentLedger ledger;
    @Autowired
    ConsentGate gate;
    @Autowired
    SubjectRegister register;

    @Test
    void theOverviewShowsCountsPerConsentPurposeToMarketing() throws Exception {
        prospectConsents(ledger);
        String page = mvc.perform(get("/console/consent").with(MARKETING)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        // Purposes by their names in the record (the page is Norwegian), never by key (issue 23 item 3).
        assertThat(page).contains(nb("prospect-dialogue"), nb("recruitment")).doesNotContain(nb("customer-administration"))
                .doesNotContain(">prospect-dialogue<");
        assertThat(page).doesNotContain("/console/consent/withdrawals/new");
        mvc.perform(get("/console/consent/subjects/" + SubjectId.random()).with(MARKETING))
                .andExpect(status().isForbidden());
    }

    @Test
    void theTimelineListsTheSubjectsEventsWithTheNoticeShown() throws Exception {
        ConsentReceipt receipt = prospectConsents(ledger);
        ledger.withdraw(receipt.subject(), "prospect-dialogue", Channel.PHONE, null);
        String page = mvc.perform(get("/console/consent/subjects/" + receipt.subject()).with(AUDITOR))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(receipt.subject().toString(), "Gitt", "Trukket tilbake", "Telefon",
                receipt.noticeHash().substring(0, 12));
    }

    @Test
    void staffRecordAWithdrawalFromThePrivacyMailboxAndItAppliesAtOnce() throws Exception {
        // GDPR Art. 7(3): a withdrawal by email counts as much as the link.
        ConsentReceipt receipt = prospectConsents(ledger);
        SubjectId id = registerProspect(register, receipt.subject(), uniqueEmail());

        mvc.perform(post("/console/consent/withdrawals").with(OFFICER).with(csrf()).param("subjectId", id.toString())
                .param("purpose", "prospect-dialogue").param("reason", "e-post til personvern, sak 42"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/console/consent/subjects/" + id))
                .andExpect(flash().attribute("flashKey", "consent.withdrawn.flash"));

        assertThat(gate.permits(id, "prospect-dialogue")).isFalse();
        ConsentEventView withdrawal = ledger.history(id).get(1);
        assertThat(withdrawal.channel()).isEqualTo(Channel.EMAIL_TO_PRIVACY_MAILBOX);
        assertThat(withdrawal.reason()).isEqualTo("e-post til personvern, sak 42");
        eventually(() -> !holdsProspectRecords(register, id));
    }

    @Test
    void theWithdrawalFormShowsFieldErrorsAndRecordsNothing() throws Exception {
        String page = mvc.perform(post("/console/consent/withdrawals").with(OFFICER).with(csrf())
                .param("subjectId", "not-an-id").param("purpose", "customer-administration"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Skriv inn en gyldig person-ID", "Velg et formål som bygger på samtykke",
                "aria-invalid=\"true\"");
        SubjectId stranger = SubjectId.random();
        String none = mvc.perform(post("/console/consent/withdrawals").with(OFFICER).with(csrf())
                .param("subjectId", stranger.toString()).param("purpose", "prospect-dialogue"))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(none).contains("Personen har ikke gitt samtykke");
    }

    @Test
    void auditorsAndMarketingCannotRecordWithdrawals() throws Exception {
        ConsentReceipt receipt = prospectConsents(ledger);
        for (RequestPostProcessor who : new RequestPostProcessor[] { AUDITOR, MARKETING }) {
            mvc.perform(post("/console/consent/withdrawals").with(who).with(csrf())
                    .param("subjectId", receipt.subject().toString()).param("purpose", "prospect-dialogue"))
                    .andExpect(status().isForbidden());
        }
        assertThat(gate.permits(receipt.subject(), "prospect-dialogue")).isTrue();
    }
}
