package no.vern.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.Tokens;
import no.vern.support.VernTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The register's REST API as other systems use it (issue 4 part 8). */
@VernTest
class SubjectApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;

    String bearer;

    @BeforeEach
    void token() {
        bearer = Tokens.bearer(tokens, ApiScope.SUBJECTS_READ, ApiScope.SUBJECTS_WRITE, ApiScope.SUBJECTS_ERASE);
    }

    MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request) {
        return request.header("Authorization", bearer);
    }

    static String smallest(String email) {
        return """
                {"kinds":["CUSTOMER_CONTACT"],"purpose":"customer-administration","name":"%s","email":"%s","phone":"%s"}
                """.formatted(Canaries.NAME, email, Canaries.PHONE);
    }

    String create(String body) throws Exception {
        MockHttpServletResponse response = mvc.perform(as(post("/api/v1/subjects")).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andExpect(status().isCreated()).andReturn().getResponse();
        String id = json.readTree(response.getContentAsString()).get("id").asText();
        assertThat(response.getHeader("Location")).isEqualTo("/api/v1/subjects/" + id);
        return id;
    }

    static String unique(String local) {
        return local + "." + UUID.randomUUID().toString().substring(0, 8) + "@kanarifugl.example";
    }

    @Test
    void theSmallestCreateCallAnswers201WithLocationAndId() throws Exception {
        String id = create(smallest(Canaries.EMAIL.replace("kanari", "kanari." + UUID.randomUUID().toString().substring(0, 6))));
        assertThat(SubjectId.parse(id)).isNotNull();
    }

    @Test
    void aReadWithThePurposeReturnsTheNormalisedValuesAndAnETag() throws Exception {
        String email = unique("Kari.Nordmann");
        String id = create(smallest(email));

        mvc.perform(as(get("/api/v1/subjects/" + id)).header("Vern-Purpose", "customer-administration"))
                .andExpect(status().isOk()).andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.data.email").value(email.toLowerCase()))
                .andExpect(jsonPath("$.data.phone").value(Canaries.PHONE_E164))
                .andExpect(jsonPath("$.data.name").value(Canaries.NAME));
        assertThat(RegisterTestSupport.audits(jdbc, "register.subject.read", "SUCCESS", SubjectId.parse(id))).isOne();
    }

    @Test
    void aReadWithoutVernPurposeIsABadRequest() throws Exception {
        String id = create(smallest(unique("nopurpose")));
        mvc.perform(as(get("/api/v1/subjects/" + id))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("Vern-Purpose"));
    }

    @Test
    void aReadForAPurposeTheDataWasNotCollectedForReturnsNothingAndIsAuditedAsRefused() throws Exception {
        // GDPR Art. 5(1)(b): purpose limitation (S10).
        String id = create(smallest(unique("purpose")));
        mvc.perform(as(get("/api/v1/subjects/" + id)).header("Vern-Purpose", "newsletter"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.data").isEmpty());
        mvc.perform(as(get("/api/v1/subjects/" + id + "/records")).header("Vern-Purpose", "newsletter"))
                .andExpect(status().isOk()).andExpect(jsonPath("$").isEmpty());
        assertThat(RegisterTestSupport.audits(jdbc, "register.subject.read", "DENIED", SubjectId.parse(id))).isEqualTo(2);
    }

    @Test
    void anUnknownPurposeIsRefused() throws Exception {
        String id = create(smallest(unique("unknown")));
        mvc.perform(as(get("/api/v1/subjects/" + id)).header("Vern-Purpose", "marketing-everything"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:unknown-purpose"));
    }

    @Test
    void recordsCarrySourcePurposeAndLegalBasis() throws Exception {
        String id = create(smallest(unique("records")));
        mvc.perform(as(get("/api/v1/subjects/" + id + "/records")).header("Vern-Purpose", "customer-administration"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[0].source").value("CUSTOMER"))
                .andExpect(jsonPath("$[0].purposes[0]").value("customer-administration"))
                .andExpect(jsonPath("$[0].legalBasis").value("LEGITIMATE_INTEREST"))
                .andExpect(jsonPath("$[0].collectedAt").exists()).andExpect(jsonPath("$[0].confirmedAt").exists());
    }

    @Test
    void invalidFieldsGetOneProblemEntryEachWithoutTheValue() throws Exception {
        String body = """
                {"kinds":["CUSTOMER_CONTACT"],"purpose":"customer-administration","name":"%s",
                 "email":"ikke-en-epost","phone":"12","bankAccount":"12345678901",
                 "organisation":{"name":"Fugl AS","orgNumber":"123456789"}}
                """.formatted(Canaries.NAME);
        String problem = mvc.perform(as(post("/api/v1/subjects")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value("urn:vern:problem:validation"))
                .andReturn().getResponse().getContentAsString();
        JsonNode errors = json.readTree(problem).get("errors");
        assertThat(errors.findValuesAsString("field")).containsExactlyInAnyOrder("email", "phone", "bankAccount",
                "organisation.orgNumber");
        assertThat(problem).doesNotContain("ikke-en-epost", "12345678901", "123456789");
    }

    @Test
    void categoriesThePurposeDoesNotNeedAreRefused() throws Exception {
        // GDPR Art. 5(1)(c) minimisation (S8, S11): the customers' newsletter needs name and email only.
        String body = """
                {"kinds":["CUSTOMER_CONTACT"],"purpose":"customer-newsletter","name":"%s","email":"%s","phone":"%s"}
                """.formatted(Canaries.NAME, unique("news"), Canaries.PHONE);
        mvc.perform(as(post("/api/v1/subjects")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("phone"));
    }

    @Test
    void aProspectWithoutConsentIsRefusedWithConsentRequired() throws Exception {
        // S4: consent before anything about a prospect is stored.
        String body = """
                {"kinds":["PROSPECT"],"purpose":"prospect-dialogue","name":"%s","email":"%s"}
                """.formatted(Canaries.NAME, unique("prospect"));
        mvc.perform(as(post("/api/v1/subjects")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value("urn:vern:problem:consent-required"))
                .andExpect(jsonPath("$.purpose").value("prospect-dialogue"));
        mvc.perform(search("email", "x@y.no")).andExpect(status().isOk());
    }

    @Test
    void aProspectIsStoredUnderTheIdTheConsentApiGaveOnceConsentExists() throws Exception {
        // S4: the consent API records consent first and hands out the subject id; storing then succeeds.
        String consentToken = Tokens.bearer(tokens, ApiScope.CONSENT_WRITE);
        String given = mvc.perform(post("/api/v1/consents").header("Authorization", consentToken)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"purpose\":\"prospect-dialogue\",\"channel\":\"WEB_FORM\",\"language\":\"nb\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String subjectId = json.readTree(given).get("subjectId").asText();
        String body = """
                {"id":"%s","kinds":["PROSPECT"],"purpose":"prospect-dialogue","name":"%s","email":"%s"}
                """.formatted(subjectId, Canaries.NAME, unique("prospect"));
        assertThat(create(body)).isEqualTo(subjectId);
        // The same id twice is a conflict, not a second subject.
        mvc.perform(as(post("/api/v1/subjects")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value("urn:vern:problem:subject-exists"));
    }

    @Test
    void aProspectCannotBeSmuggledInUnderAContractPurpose() throws Exception {
        String body = """
                {"kinds":["PROSPECT"],"purpose":"customer-administration","name":"%s"}
                """.formatted(Canaries.NAME);
        mvc.perform(as(post("/api/v1/subjects")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value("urn:vern:problem:consent-required"));
    }

    @Test
    void emailAndPhoneLookupsFindTheSubjectThroughBlindIndexes() throws Exception {
        String email = unique("Lookup");
        String id = create(smallest(email));
        mvc.perform(search("email", "  " + email.toUpperCase() + " "))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").exists());
        mvc.perform(search("phone", "0047 91555123"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").exists());
        mvc.perform(search("email", unique("nobody")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items").isEmpty());
    }

    @Test
    void organisationLookupFindsItsContacts() throws Exception {
        String body = """
                {"kinds":["CUSTOMER_CONTACT"],"purpose":"customer-administration","name":"%s","email":"%s",
                 "organisation":{"name":"Kanarifugl AS","orgNumber":"923 609 016","businessAddress":"Fuglegata 1, 0150 Oslo"}}
                """.formatted(Canaries.NAME, unique("org"));
        String id = create(body);
        mvc.perform(search("org", "923609016")).andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.id == '" + id + "')].organisation.name").value("Kanarifugl AS"));
    }

    @Test
    void patchNeedsIfMatchAndRefusesAStaleVersion() throws Exception {
        String id = create(smallest(unique("etag")));
        String change = """
                {"purpose":"customer-administration","phone":"+46 70 123 45 67"}
                """;
        mvc.perform(as(patch("/api/v1/subjects/" + id)).contentType(MediaType.APPLICATION_JSON).content(change))
                .andExpect(status().isPreconditionRequired());
        mvc.perform(as(patch("/api/v1/subjects/" + id)).header("If-Match", "\"1\"").contentType(MediaType.APPLICATION_JSON)
                .content(change)).andExpect(status().isNoContent()).andExpect(header().string("ETag", "\"2\""));
        mvc.perform(as(patch("/api/v1/subjects/" + id)).header("If-Match", "\"1\"").contentType(MediaType.APPLICATION_JSON)
                .content(change)).andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:stale-version"));
        mvc.perform(as(get("/api/v1/subjects/" + id)).header("Vern-Purpose", "customer-administration"))
                .andExpect(jsonPath("$.data.phone").value("+46701234567")).andExpect(header().string("ETag", "\"2\""));
        mvc.perform(search("phone", "+46701234567"))
                .andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").exists());
        mvc.perform(search("phone", Canaries.PHONE))
                .andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").doesNotExist());
    }

    @Test
    void historyNamesCategoriesAndActorsButNoValues() throws Exception {
        String id = create(smallest(unique("history")));
        String history = mvc.perform(as(get("/api/v1/subjects/" + id + "/history"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].change").value("created")).andReturn().getResponse().getContentAsString();
        assertThat(history).contains("\"email\"", "api_client:").doesNotContain(Canaries.NAME, "kanarifugl");
    }

    @Test
    void theSameIdempotencyKeyCreatesOneSubject() throws Exception {
        String body = smallest(unique("idem"));
        String first = mvc.perform(as(post("/api/v1/subjects")).header("Idempotency-Key", "crm-42")
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        String second = mvc.perform(as(post("/api/v1/subjects")).header("Idempotency-Key", "crm-42")
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        assertThat(second).isEqualTo(first);
        mvc.perform(as(post("/api/v1/subjects")).header("Idempotency-Key", "crm-42")
                .contentType(MediaType.APPLICATION_JSON).content(smallest(unique("other"))))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:idempotency-key-reused"));
    }

    @Test
    void listsArePagedWithATotalAndASizeLimit() throws Exception {
        for (int i = 0; i < 3; i++) {
            create(smallest(unique("page" + i)));
        }
        mvc.perform(as(get("/api/v1/subjects")).param("page", "0").param("size", "2")).andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2)).andExpect(jsonPath("$.size").value(2))
                .andExpect(jsonPath("$.total").isNumber());
        mvc.perform(as(get("/api/v1/subjects")).param("size", "101")).andExpect(status().isBadRequest());
    }

    @Test
    void deleteErasesAndTheIdAnswers410Afterwards() throws Exception {
        // GDPR Art. 17.
        String email = unique("erase");
        String id = create(smallest(email));
        mvc.perform(as(delete("/api/v1/subjects/" + id))).andExpect(status().isNoContent());
        mvc.perform(as(get("/api/v1/subjects/" + id)).header("Vern-Purpose", "customer-administration"))
                .andExpect(status().isGone()).andExpect(jsonPath("$.type").value("urn:vern:problem:subject-erased"));
        mvc.perform(as(delete("/api/v1/subjects/" + id))).andExpect(status().isNoContent())
                .andExpect(header().string("Vern-Already-Erased", "true"));
        mvc.perform(search("email", email)).andExpect(jsonPath("$.items").isEmpty());
    }

    /** A lookup: the value goes in the POST body, never in the URL (rule 1). */
    private MockHttpServletRequestBuilder search(String field, String value) {
        return as(post("/api/v1/subjects/search")).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(java.util.Map.of(field, value)));
    }

    @Test
    void aLookupWithPersonalDataInTheUrlIsRefusedAndNamesTheBodyAlternative() throws Exception {
        String body = mvc.perform(as(get("/api/v1/subjects")).param("email", Canaries.EMAIL))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("email"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("POST /api/v1/subjects/search")))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain(Canaries.EMAIL);
        mvc.perform(search("phone", Canaries.PHONE).content("{\"email\":\"a@b.no\",\"phone\":\"+4791555123\"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void anUnknownIdIs404() throws Exception {
        mvc.perform(as(get("/api/v1/subjects/" + UUID.randomUUID())).header("Vern-Purpose", "customer-administration"))
                .andExpect(status().isNotFound());
    }

    @Test
    void aReadOnlyTokenCannotCreate() throws Exception {
        String reader = Tokens.bearer(tokens, ApiScope.SUBJECTS_READ);
        mvc.perform(post("/api/v1/subjects").header("Authorization", reader).contentType(MediaType.APPLICATION_JSON)
                .content(smallest(unique("reader")))).andExpect(status().isForbidden());
    }
}
