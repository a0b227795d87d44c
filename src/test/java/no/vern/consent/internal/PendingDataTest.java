package no.vern.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.consent.Channel;
import no.vern.consent.ConsentEventType;
import no.vern.consent.ConsentLedger;
import no.vern.consent.HoldPending;
import no.vern.consent.PendingConsents;
import no.vern.consent.PendingItem;
import no.vern.consent.PendingStatus;
import no.vern.crypto.CryptoShredder;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.processing.ProcessingRecord;
import no.vern.register.PersonalData;
import no.vern.register.SubjectRegister;
import no.vern.shared.Conflict;
import no.vern.shared.NotFound;
import no.vern.support.Canaries;
import no.vern.support.MailTestSupport;
import no.vern.support.TestClock;
import no.vern.support.Tokens;
import no.vern.support.VernTest;

/**
 * Data that arrives before consent (issue 6 item 3; S4, S5): held encrypted and invisible, moved into
 * the register when the person consents (GDPR Art. 7(1): on the notice shown), crypto-shredded when
 * they decline or after 14 days without an answer (Art. 5(1)(e)).
 */
@VernTest
class PendingDataTest extends MailTestSupport {

    static final RequestPostProcessor RECRUITER = user("rekrutterer").roles("RECRUITER");
    static final RequestPostProcessor SALES = user("selger").roles("SALES");
    static final Locale NB = Locale.forLanguageTag("nb");

    @Autowired
    PendingService pending;
    @Autowired
    PendingConsents api;
    @Autowired
    ConsentLedger ledger;
    @Autowired
    SubjectRegister register;
    @Autowired
    CryptoShredder shredder;
    @Autowired
    ProcessingRecord record;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    Clock clock;

    @AfterEach
    void resetClock() {
        ((TestClock) clock).reset();
    }

    PendingItem holdCv(String email) {
        return api.hold(new HoldPending("recruitment", NB,
                new PersonalData("Kari Søker", email, null, null, null, null, "Java-utvikler i 8 år", null),
                "application/pdf", "%PDF-1.4 cv".getBytes(StandardCharsets.UTF_8)));
    }

    String requestLink(String email) {
        return link(body(awaitMail(email, "Vil du gi samtykke?")), "/samtykke/foresporsel/");
    }

    @Test
    void heldDataIsInvisibleToStaffAndTheRegisterBeforeConsent() throws Exception {
        PendingItem item = api.hold(new HoldPending("prospect-dialogue", NB,
                PersonalData.contact(Canaries.NAME, Canaries.EMAIL, Canaries.PHONE), null, null));

        assertThat(item.status()).isEqualTo(PendingStatus.PENDING);
        assertThat(item.expiresAt()).isEqualTo(item.createdAt().plus(Duration.ofDays(14)));
        // S4: nothing in the register, no consent in the ledger, only ciphertext in the table.
        assertThatThrownBy(() -> register.summary(item.subject())).isInstanceOf(NotFound.class);
        assertThat(ledger.current(item.subject(), "prospect-dialogue")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM consent_pending WHERE id = :id AND (payload::text ILIKE '%kanari%' "
                + "OR encode(payload, 'escape') ILIKE '%kanari%')").param("id", item.id()).query(Long.class).single())
                .isZero();
        // Staff see that it exists, its purpose and expiry; not the person.
        String page = mvc.perform(get("/console/consent/pending").with(SALES)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(item.id().toString()).doesNotContain(Canaries.NAME, Canaries.EMAIL, "Kanari");
        // The person gets the request; the page shows categories, never values.
        String link = requestLink(Canaries.EMAIL);
        String request = mvc.perform(get(link)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(request).contains("Navn", "E-postadresse", "Ja, jeg samtykker", "Nei, slett opplysningene")
                .doesNotContain(Canaries.NAME, Canaries.EMAIL);
    }

    @Test
    void consentMovesTheDataIntoTheRegisterUnderThePurposeOnTheNoticeShown() throws Exception {
        String email = uniqueEmail();
        PendingItem item = holdCv(email);
        String hash = record.notice("recruitment", NB).sha256();

        mvc.perform(post(requestLink(email)).with(csrf()).param("answer", "yes").param("noticeHash", hash))
                .andExpect(status().isFound());

        assertThat(ledger.current(item.subject(), "recruitment").orElseThrow().status())
                .isEqualTo(ConsentEventType.GIVEN);
        assertThat(ledger.history(item.subject()).get(0).noticeHash()).isEqualTo(hash);
        assertThat(ledger.history(item.subject()).get(0).channel()).isEqualTo(Channel.WEB_FORM);
        assertThat(register.read(item.subject(), "recruitment").value("email")).contains(email);
        assertThat(register.read(item.subject(), "recruitment").value("cv")).isPresent();
        assertThat(jdbc.sql("SELECT status FROM consent_pending WHERE id = :id").param("id", item.id())
                .query(String.class).single()).isEqualTo("MOVED");
        assertThat(jdbc.sql("SELECT count(*) FROM consent_pending WHERE id = :id AND payload IS NULL AND attachment IS NULL")
                .param("id", item.id()).query(Long.class).single()).isEqualTo(1);
        awaitMail(email, "Kvittering for samtykke");
        // Answering again changes nothing.
        api.accept(item.id(), hash, NB);
        assertThat(ledger.history(item.subject())).hasSize(1);
    }

    @Test
    void withoutAnAnswerTheDataIsPurgedAfterFourteenDaysByCryptoShredding() throws Exception {
        String email = uniqueEmail();
        PendingItem item = holdCv(email);
        String link = requestLink(email);

        ((TestClock) clock).advance(Duration.ofDays(13));
        pending.purgeExpired();
        assertThat(shredder.isShredded(item.subject())).isFalse();

        ((TestClock) clock).advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(pending.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(shredder.isShredded(item.subject())).isTrue();
        assertThat(jdbc.sql("SELECT status FROM consent_pending WHERE id = :id").param("id", item.id())
                .query(String.class).single()).isEqualTo("PURGED");
        assertThat(jdbc.sql("SELECT count(*) FROM consent_pending WHERE id = :id AND payload IS NULL AND attachment IS NULL")
                .param("id", item.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(mvc.perform(get(link)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("allerede slettet");
        assertThatThrownBy(() -> api.accept(item.id(), null, NB)).isInstanceOf(Conflict.class);
        assertThat(ledger.current(item.subject(), "recruitment")).isEmpty();
        // Idempotent: a second run finds nothing more of it.
        pending.purgeExpired();
        assertThat(jdbc.sql("SELECT status FROM consent_pending WHERE id = :id").param("id", item.id())
                .query(String.class).single()).isEqualTo("PURGED");
    }

    @Test
    void declinedDataIsShreddedAtOnce() throws Exception {
        String email = uniqueEmail();
        PendingItem item = holdCv(email);
        mvc.perform(post(requestLink(email)).with(csrf()).param("answer", "no")).andExpect(status().isFound());
        assertThat(shredder.isShredded(item.subject())).isTrue();
        assertThat(jdbc.sql("SELECT status FROM consent_pending WHERE id = :id").param("id", item.id())
                .query(String.class).single()).isEqualTo("DECLINED");
    }

    @Test
    void recruitersRegisterCandidatesAndSalesProspectsOnly() throws Exception {
        String email = uniqueEmail();
        MockMultipartFile cv = new MockMultipartFile("file", "cv.pdf", "application/pdf", "%PDF cv".getBytes());
        mvc.perform(multipart("/console/consent/pending").file(cv).with(csrf()).with(RECRUITER)
                .param("purpose", "recruitment").param("name", "Ola Kandidat").param("email", email))
                .andExpect(status().isFound());
        awaitMail(email, "Vil du gi samtykke?");
        mvc.perform(post("/console/consent/pending").with(csrf()).with(SALES).param("purpose", "recruitment")
                .param("email", uniqueEmail())).andExpect(status().isUnprocessableContent());
        // S8: a CV is not needed for the prospect dialogue.
        String nb = mvc.perform(post("/console/consent/pending").with(csrf()).with(SALES).param("purpose", "prospect-dialogue")
                .param("email", uniqueEmail()).param("cv", "lang cv")).andExpect(status().isUnprocessableContent())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        // Issue 23 item 3: why, in the page's language, with the purpose by its name.
        assertThat(nb).contains("Feltet trengs ikke til formålet «", "(dataminimering)").doesNotContain("«prospect-dialogue»");
        String en = mvc.perform(post("/console/consent/pending").with(csrf()).with(SALES).param("purpose", "prospect-dialogue")
                .param("lang", "en").param("email", uniqueEmail()).param("cv", "lang cv"))
                .andExpect(status().isUnprocessableContent())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(en).contains("This field is not needed for").doesNotContain("trengs ikke");
    }

    @Test
    void otherSystemsHoldDataThroughTheApi() throws Exception {
        String email = uniqueEmail();
        mvc.perform(post("/api/v1/consents/pending").header("Authorization", Tokens.bearer(tokens, ApiScope.CONSENT_WRITE))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"purpose\":\"prospect-dialogue\",\"language\":\"en\",\"name\":\"Eva Visitt\",\"email\":\""
                        + email + "\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.purpose").value("prospect-dialogue"));
        assertThat(body(awaitMail(email, "Do you consent?"))).contains("lang=en");
        mvc.perform(post("/api/v1/consents/pending").header("Authorization", Tokens.bearer(tokens, ApiScope.CONSENT_WRITE))
                .contentType(MediaType.APPLICATION_JSON).content("{\"purpose\":\"newsletter\",\"email\":\"" + email + "\"}"))
                .andExpect(status().isBadRequest());
    }
}
