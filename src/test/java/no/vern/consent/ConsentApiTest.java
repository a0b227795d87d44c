package no.vern.consent;

import static no.vern.consent.ConsentTestSupport.eventually;
import static no.vern.consent.ConsentTestSupport.holdsProspectRecords;
import static no.vern.consent.ConsentTestSupport.registerProspect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.processing.NoticeText;
import no.vern.processing.ProcessingRecord;
import no.vern.register.ConsentGate;
import no.vern.register.SubjectRegister;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.Tokens;
import no.vern.support.VernTest;

/** The consent REST API for other systems: give, read, withdraw, check (S4, S5; GDPR Art. 7). */
@VernTest
class ConsentApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    ConsentGate gate;
    @Autowired
    SubjectRegister register;
    @Autowired
    ProcessingRecord record;
    @Autowired
    JdbcClient jdbc;

    String read;
    String write;

    @BeforeEach
    void tokens() {
        read = Tokens.bearer(tokens, ApiScope.CONSENT_READ);
        write = Tokens.bearer(tokens, ApiScope.CONSENT_WRITE);
    }

    String give(String json) throws Exception {
        return mvc.perform(post("/api/v1/consents").header("Authorization", write)
                .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/consents/")))
                .andExpect(jsonPath("$.receiptId").isString())
                .andExpect(jsonPath("$.withdrawUrl").value(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.containsString("/samtykke/trekk-tilbake/"),
                        org.hamcrest.Matchers.containsString("/consent/withdraw/"))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aProspectCannotBeStoredThroughTheApiWithoutConsent() throws Exception {
        // S4: the register's API refuses a prospect no consent exists for.
        mvc.perform(post("/api/v1/subjects").header("Authorization", Tokens.bearer(tokens, ApiScope.SUBJECTS_WRITE))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"kinds\":[\"PROSPECT\"],\"purpose\":\"prospect-dialogue\",\"source\":\"SUBJECT\",\"name\":\"Test Prospektsen\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:consent-required"));
    }

    @Test
    void consentPostedWithoutSubjectAllocatesOneAndOpensTheGate() throws Exception {
        String body = give("{\"purpose\":\"prospect-dialogue\",\"channel\":\"WEB_FORM\"}");
        SubjectId subject = SubjectId.parse(JsonPath.read(body, "$.subjectId"));

        assertThat(gate.permits(subject, "prospect-dialogue")).isTrue();
        mvc.perform(get("/api/v1/consents").param("subject", subject.toString()).header("Authorization", read))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.consents[0].purpose").value("prospect-dialogue"))
                .andExpect(jsonPath("$.consents[0].status").value("GIVEN"))
                .andExpect(jsonPath("$.consents[0].active").value(true));
    }

    @Test
    void withdrawalThroughTheApiClosesTheGateAtOnceAndErasesTheRecords() throws Exception {
        // GDPR Art. 7(3).
        String body = give("{\"purpose\":\"prospect-dialogue\"}");
        SubjectId subject = SubjectId.parse(JsonPath.read(body, "$.subjectId"));
        registerProspect(register, subject, ConsentTestSupport.uniqueEmail());

        mvc.perform(post("/api/v1/consents/" + JsonPath.read(body, "$.receiptId") + "/withdraw")
                .header("Authorization", write).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"asked by phone\",\"channel\":\"PHONE\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("WITHDRAWN"));

        assertThat(gate.permits(subject, "prospect-dialogue")).isFalse();
        eventually(() -> !holdsProspectRecords(register, subject));
    }

    @Test
    void aConsentOnAStaleNoticeIsRefusedWithAProblem() throws Exception {
        NoticeText notice = record.notice("recruitment", Locale.ENGLISH);
        mvc.perform(post("/api/v1/consents").header("Authorization", write).contentType(MediaType.APPLICATION_JSON)
                .content("{\"purpose\":\"recruitment\",\"language\":\"en\",\"noticeVersion\":" + notice.version()
                        + ",\"noticeHash\":\"" + "ab".repeat(32) + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:stale-notice"))
                .andExpect(jsonPath("$.currentNoticeHash").value(notice.sha256()));
        give("{\"purpose\":\"recruitment\",\"language\":\"en\",\"noticeVersion\":" + notice.version()
                + ",\"noticeHash\":\"" + notice.sha256() + "\"}");
    }

    @Test
    void aPurposeNotBasedOnConsentIsRefused() throws Exception {
        mvc.perform(post("/api/v1/consents").header("Authorization", write).contentType(MediaType.APPLICATION_JSON)
                .content("{\"purpose\":\"customer-administration\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:not-consent-based"));
        mvc.perform(post("/api/v1/consents").header("Authorization", write).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:validation"));
    }

    @Test
    void theReceiptCarriesTheStandardFields() throws Exception {
        String body = give("{\"purpose\":\"prospect-dialogue\"}");
        String receiptId = JsonPath.read(body, "$.receiptId");
        mvc.perform(get("/api/v1/consents/" + receiptId).header("Authorization", read))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.receiptId").value(receiptId))
                .andExpect(jsonPath("$.jurisdiction").value("NO"))
                .andExpect(jsonPath("$.version").isString())
                .andExpect(jsonPath("$.timestamp").isString())
                .andExpect(jsonPath("$.controller.name").isString())
                .andExpect(jsonPath("$.controller.email").isString())
                .andExpect(jsonPath("$.purposes[0].key").value("prospect-dialogue"))
                .andExpect(jsonPath("$.purposes[0].legalBasis").value("CONSENT"))
                .andExpect(jsonPath("$.purposes[0].dataCategories").isArray())
                .andExpect(jsonPath("$.notice.sha256").value(record.notice("prospect-dialogue", Locale.forLanguageTag("nb")).sha256()))
                .andExpect(jsonPath("$.language").value("nb"))
                .andExpect(jsonPath("$.withdrawal.url").value(org.hamcrest.Matchers.containsString("/samtykke/trekk-tilbake/")));
    }

    @Test
    void theCheckAnswersOnlyYesOrNoAndNeverEchoesTheEmail() throws Exception {
        String body = give("{\"purpose\":\"prospect-dialogue\"}");
        SubjectId subject = SubjectId.parse(JsonPath.read(body, "$.subjectId"));
        String email = Canaries.uniqueEmail();
        registerProspect(register, subject, email);

        String yes = check(email, "prospect-dialogue");
        assertThat(yes).isEqualTo("{\"allowed\":true}");
        assertThat(check(email, "recruitment")).isEqualTo("{\"allowed\":false}");
        assertThat(check("nobody-" + UUID.randomUUID() + "@example.no", "prospect-dialogue"))
                .isEqualTo("{\"allowed\":false}");

        mvc.perform(post("/api/v1/consents/" + JsonPath.read(body, "$.receiptId") + "/withdraw")
                .header("Authorization", write)).andExpect(status().isOk());
        assertThat(check(email, "prospect-dialogue")).isEqualTo("{\"allowed\":false}");

        String invalid = mvc.perform(post("/api/v1/consents/check").header("Authorization", read)
                .contentType(MediaType.APPLICATION_JSON).content(checkBody("not an email " + Canaries.EMAIL, "prospect-dialogue")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(invalid).doesNotContain(Canaries.EMAIL, "kanarifugl");
    }

    @Test
    void theCheckIsYesWhileAnySubjectWithTheAddressHasConsentAndIsAuditedOnceNamingEverySubjectFound() throws Exception {
        // GDPR Art. 7(1): the controller must be able to show what the check answered from; Art. 7(3): a withdrawal
        // closes the check at once. The lookup and the consent state are read in one statement (issue 28 item 2).
        String email = Canaries.uniqueEmail();
        String first = give("{\"purpose\":\"prospect-dialogue\"}");
        String second = give("{\"purpose\":\"prospect-dialogue\"}");
        SubjectId a = SubjectId.parse(JsonPath.read(first, "$.subjectId"));
        SubjectId b = SubjectId.parse(JsonPath.read(second, "$.subjectId"));
        registerProspect(register, a, email);
        registerProspect(register, b, email);

        assertThat(checkAudited(email, "prospect-dialogue", a, b)).isEqualTo("{\"allowed\":true}");
        assertThat(checkAudited(email, "recruitment", a, b)).isEqualTo("{\"allowed\":false}");
        mvc.perform(post("/api/v1/consents/" + JsonPath.read(first, "$.receiptId") + "/withdraw")
                .header("Authorization", write)).andExpect(status().isOk());
        // The withdrawal erases what was held on it (asynchronously): then only the second subject has the address.
        eventually(() -> !holdsProspectRecordsOrGone(a));
        assertThat(checkAudited(email, "prospect-dialogue", b)).isEqualTo("{\"allowed\":true}");
        mvc.perform(post("/api/v1/consents/" + JsonPath.read(second, "$.receiptId") + "/withdraw")
                .header("Authorization", write)).andExpect(status().isOk());
        assertThat(check(email, "prospect-dialogue")).isEqualTo("{\"allowed\":false}");
        assertThat(checkAudited("nobody-" + UUID.randomUUID() + "@example.no", "prospect-dialogue"))
                .isEqualTo("{\"allowed\":false}");
    }

    private boolean holdsProspectRecordsOrGone(SubjectId id) {
        try {
            return holdsProspectRecords(register, id);
        } catch (RuntimeException gone) {
            return false;
        }
    }

    /** A check under its own request id; its one audit entry names the purpose and exactly these subjects. */
    private String checkAudited(String email, String purpose, SubjectId... found) throws Exception {
        String requestId = "check-" + UUID.randomUUID();
        String response = mvc.perform(post("/api/v1/consents/check").header("Authorization", read)
                .header("X-Request-Id", requestId).contentType(MediaType.APPLICATION_JSON)
                .content(checkBody(email, purpose))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<Map<String, Object>> entries = jdbc.sql(
                "SELECT action, purpose, outcome, array_to_string(targets, ',') AS targets FROM audit_entry WHERE request_id = :id")
                .param("id", requestId).query().listOfRows();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).containsEntry("action", "consent.check").containsEntry("purpose", purpose)
                .containsEntry("outcome", "SUCCESS");
        String targets = (String) entries.get(0).get("targets");
        assertThat(targets.isEmpty() ? List.<String>of() : List.of(targets.split(",")))
                .containsExactlyInAnyOrder(Arrays.stream(found).map(SubjectId::reference).toArray(String[]::new));
        assertThat(targets).doesNotContain("@");
        return response;
    }

    private String check(String email, String purpose) throws Exception {
        String response = mvc.perform(post("/api/v1/consents/check").header("Authorization", read)
                .contentType(MediaType.APPLICATION_JSON).content(checkBody(email, purpose))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(response).doesNotContain(email);
        return response;
    }

    private String checkBody(String email, String purpose) {
        return "{\"email\":\"" + email + "\",\"purpose\":\"" + purpose + "\"}";
    }

    @Test
    void theConsentCheckTakesNoAddressInTheUrl() throws Exception {
        // Rule 1: personal data never in a URL; the check is a POST with the address in the body.
        mvc.perform(get("/api/v1/consents/check").param("email", Canaries.EMAIL).param("purpose", "newsletter")
                .header("Authorization", read)).andExpect(status().is4xxClientError())
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(Canaries.EMAIL))));
        mvc.perform(post("/api/v1/consents/check").header("Authorization", read).contentType(MediaType.APPLICATION_JSON)
                .content("{\"purpose\":\"newsletter\"}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"));
    }

    @Test
    void theApiIsDocumentedInTheOpenApiDescription() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/consents'].post.summary").isString())
                .andExpect(jsonPath("$.paths['/api/v1/consents/check'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/consents/{receiptId}/withdraw'].post").exists());
    }
}
