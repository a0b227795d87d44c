package no.vern.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.support.Tokens;
import no.vern.support.VernTest;

/** The requests REST API: registering with the receipt time, the deadline rules, actions as sub-resources. */
@VernTest
@org.springframework.context.annotation.Import(RequestsTestSupport.Systems.class)
class RequestsApiTests extends RequestsTestSupport {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StandInSystems systems;
    @Autowired
    no.vern.register.SubjectRegister register;
    @Autowired
    no.vern.support.TestClock clock;

    String read;
    String write;

    @BeforeEach
    void tokens() {
        read = Tokens.bearer(tokens, ApiScope.REQUESTS_READ);
        write = Tokens.bearer(tokens, ApiScope.REQUESTS_WRITE);
    }

    private String create(String json) throws Exception {
        return mvc.perform(post("/api/v1/requests").header("Authorization", write)
                .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private String createdNow(String kind, String email, Instant receivedAt) throws Exception {
        return JsonPath.read(create("{\"kind\":\"" + kind + "\",\"email\":\"" + email
                + "\",\"channel\":\"EMAIL\",\"receivedAt\":\"" + receivedAt.truncatedTo(ChronoUnit.SECONDS) + "\"}"), "$.id");
    }

    private String action(String id, String action, String json) {
        try {
            return mvc.perform(post("/api/v1/requests/" + id + "/" + action).header("Authorization", write)
                    .contentType(MediaType.APPLICATION_JSON).content(json)).andReturn().getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void art12_3_minimalCallIsCreatedWithTheDeadlineAtTheEndOf28FebruaryInOslo() throws Exception {
        // GDPR Art. 12(3): one calendar month from receipt; 31 January -> 28 February 2026, end of day Oslo.
        mvc.perform(post("/api/v1/requests").header("Authorization", write).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"ACCESS\",\"email\":\"" + uniqueEmail("minimal")
                        + "\",\"channel\":\"EMAIL\",\"receivedAt\":\"2026-01-31T10:00:00Z\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/v1/requests/")))
                .andExpect(jsonPath("$.id").isString())
                .andExpect(jsonPath("$.dueAt").value("2026-02-28T22:59:59Z"));
    }

    @Test
    void everyKindIsAcceptedAndAnUnknownKindIsAProblem() throws Exception {
        for (RequestKind kind : RequestKind.values()) {
            createdNow(kind.name(), uniqueEmail("kind"), Instant.now());
        }
        mvc.perform(post("/api/v1/requests").header("Authorization", write).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"SOMETHING\",\"email\":\"a@example.no\",\"channel\":\"EMAIL\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/requests").header("Authorization", write).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"ACCESS\",\"email\":\"not an address\",\"channel\":\"EMAIL\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:validation"))
                .andExpect(jsonPath("$.detail").value("email: is not a valid email address"));
    }

    @Test
    void art12_3_extensionWithReasonsWithinTheFirstMonthMovesTheDeadlineAndTellsThePerson() throws Exception {
        String email = uniqueEmail("extend");
        Instant received = Instant.now().minus(Duration.ofDays(3));
        String id = createdNow("ACCESS", email, received);
        String body = action(id, "extend", "{\"months\":2,\"reasons\":\"Many systems to search\"}");
        assertThat((String) JsonPath.read(body, "$.status")).isEqualTo("EXTENDED");
        assertThat(Instant.parse(JsonPath.read(body, "$.dueAt"))).isEqualTo(Deadlines.extendedDue(received.truncatedTo(ChronoUnit.SECONDS), 2));
        assertThat(mailTo(email)).anySatisfy(m -> assertThat(body(m)).contains("Many systems to search"));
    }

    @Test
    void art12_3_extensionIsRefusedAfterTheFirstMonth() throws Exception {
        String id = createdNow("ERASURE", uniqueEmail("late"), Instant.now().minus(Duration.ofDays(40)));
        mvc.perform(post("/api/v1/requests/" + id + "/extend").header("Authorization", write)
                .contentType(MediaType.APPLICATION_JSON).content("{\"months\":1,\"reasons\":\"Too late\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:extension-not-allowed"));
    }

    @Test
    void art12_6_anIdentityQuestionMakesTheCaseWaitAndTheAnswerTakesItBackWithBothDatesAndTheDeadlineFromTheAnswer()
            throws Exception {
        String email = uniqueEmail("ask-identity");
        String id = createdNow("ACCESS", email, clock.instant().minus(Duration.ofDays(20)));
        String before = JsonPath.read(mvc.perform(get("/api/v1/requests/" + id).header("Authorization", read))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8), "$.status");
        mvc.perform(post("/api/v1/requests/" + id + "/ask").header("Authorization", write)
                .contentType(MediaType.APPLICATION_JSON).content("{\"what\":\"IDENTITY\",\"question\":\"?\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("question"));
        try {
            Instant askedFrom = clock.instant().minusMillis(1);
            String waiting = action(id, "ask", "{\"what\":\"IDENTITY\",\"question\":"
                    + "\"Please send us the customer number on your last invoice.\"}");
            Instant askedTo = clock.instant();
            assertThat((String) JsonPath.read(waiting, "$.status")).isEqualTo("WAITING_FOR_PERSON");
            assertThat(mailTo(email)).anySatisfy(m -> assertThat(body(m)).contains(
                    "Please send us the customer number on your last invoice.", "artikkel 12 nr. 6"));
            mvc.perform(post("/api/v1/requests/" + id + "/ask").header("Authorization", write)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"what\":\"SCOPE\",\"question\":\"Which of your contracts do you mean?\"}"))
                    .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value("urn:vern:problem:request-waiting"));

            clock.advance(Duration.ofDays(15));
            Instant answeredFrom = clock.instant().minusMillis(1);
            String back = action(id, "answered", "{}");
            Instant answeredTo = clock.instant();
            assertThat((String) JsonPath.read(back, "$.status")).isEqualTo(before);
            // Art. 12(6), EDPB Guidelines 01/2022: the month runs from the answer, which is later than day 20 + 15.
            assertThat(Instant.parse(JsonPath.read(back, "$.dueAt"))).isIn(Deadlines.due(answeredFrom), Deadlines.due(answeredTo));
            String history = mvc.perform(get("/api/v1/requests/" + id + "/history").header("Authorization", read))
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            List<String> askedAt = JsonPath.read(history, "$.events[?(@.action == 'asked-person')].at");
            List<String> answeredAt = JsonPath.read(history, "$.events[?(@.action == 'person-answered')].at");
            assertThat(askedAt).singleElement().satisfies(at -> assertThat(Instant.parse(at)).isBetween(askedFrom, askedTo));
            assertThat(answeredAt).singleElement()
                    .satisfies(at -> assertThat(Instant.parse(at)).isBetween(answeredFrom, answeredTo));
            mvc.perform(post("/api/v1/requests/" + id + "/answered").header("Authorization", write))
                    .andExpect(status().isConflict());
        } finally {
            clock.reset();
        }
    }

    @Test
    void recital63_aQuestionAboutTheScopeLeavesTheDeadlineRunning() throws Exception {
        String email = uniqueEmail("ask-scope");
        String id = createdNow("ACCESS", email, clock.instant().minus(Duration.ofDays(5)));
        String due = JsonPath.read(action(id, "ask", "{\"what\":\"SCOPE\",\"question\":"
                + "\"Which of your two customer accounts do you mean?\"}"), "$.dueAt");
        assertThat(mailTo(email)).anySatisfy(m -> assertThat(body(m)).contains("Which of your two customer accounts"));
        assertThat((String) JsonPath.read(action(id, "answered", "{}"), "$.dueAt")).isEqualTo(due);
    }

    @Test
    void art12_3_extensionWithoutReasonsIsRefused() throws Exception {
        String id = createdNow("ACCESS", uniqueEmail("noreason"), Instant.now());
        mvc.perform(post("/api/v1/requests/" + id + "/extend").header("Authorization", write)
                .contentType(MediaType.APPLICATION_JSON).content("{\"months\":1,\"reasons\":\" \"}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void art12_4_refusalNeedsReasonsAndTellsOfTheRightToComplainAndGoToCourt() throws Exception {
        String email = uniqueEmail("refuse");
        String id = JsonPath.read(create("{\"kind\":\"OBJECTION\",\"email\":\"" + email
                + "\",\"channel\":\"EMAIL\",\"language\":\"en\"}"), "$.id");
        mvc.perform(post("/api/v1/requests/" + id + "/refuse").header("Authorization", write)
                .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest());
        // A ground from the list, and reasons in words: punctuation is not a reason.
        mvc.perform(post("/api/v1/requests/" + id + "/refuse").header("Authorization", write)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"ground\":\"MANIFESTLY_UNFOUNDED_OR_EXCESSIVE\",\"reasons\":\".\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reasons"));
        mvc.perform(post("/api/v1/requests/" + id + "/refuse").header("Authorization", write)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reasons\":\"The same objection for the ninth time this week.\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("ground"));
        // Art. 17(3)(b) answers erasure requests only, not an objection.
        mvc.perform(post("/api/v1/requests/" + id + "/refuse").header("Authorization", write)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"ground\":\"LEGAL_OBLIGATION\",\"reasons\":\"The same objection for the ninth time this week.\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("ground"));
        assertThat(mailTo(email)).noneSatisfy(m -> assertThat(body(m)).contains("judicial remedy"));
        assertThat((String) JsonPath.read(action(id, "refuse", "{\"ground\":\"MANIFESTLY_UNFOUNDED_OR_EXCESSIVE\","
                + "\"reasons\":\"The same objection for the ninth time this week.\"}"), "$.status")).isEqualTo("REFUSED");
        assertThat(mailTo(email)).anySatisfy(m -> assertThat(body(m)).contains(
                "Ground: The request is manifestly unfounded or excessive (GDPR Art. 12(5)).",
                "Reasons: The same objection for the ninth time this week.", "Datatilsynet", "judicial remedy"));
        mvc.perform(post("/api/v1/requests/" + id + "/complete").header("Authorization", write)
                .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value("urn:vern:problem:request-closed"));
    }

    @Test
    void aSecondRequestOfTheSamePersonAndKindWhileOneIsOpenIsLinkedNotDuplicated() throws Exception {
        String email = uniqueEmail("dup");
        String first = createdNow("ERASURE", email, Instant.now());
        String second = mvc.perform(post("/api/v1/requests").header("Authorization", write)
                .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"ERASURE\",\"email\":\""
                        + email.toUpperCase() + "\",\"channel\":\"LETTER\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((String) JsonPath.read(second, "$.id")).isEqualTo(first);
        assertThat((String) JsonPath.read(second, "$.duplicateOf")).isEqualTo(first);
        String other = createdNow("ACCESS", email, Instant.now());
        assertThat(other).isNotEqualTo(first);
        String history = mvc.perform(get("/api/v1/requests/" + first + "/history").header("Authorization", read))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(history).contains("duplicate-linked");
    }

    @Test
    void listShowsOpenCasesByStatusAndDueBeforeSoonestFirst() throws Exception {
        String early = createdNow("QUESTION", uniqueEmail("early"), Instant.parse("2026-01-02T09:00:00Z"));
        String later = createdNow("QUESTION", uniqueEmail("later"), Instant.parse("2026-01-20T09:00:00Z"));
        String body = mvc.perform(get("/api/v1/requests").param("status", "RECEIVED").param("due_before", "2026-02-21")
                .header("Authorization", read)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> ids = JsonPath.read(body, "$.requests[*].id");
        assertThat(ids).contains(early, later);
        assertThat(ids.indexOf(early)).isLessThan(ids.indexOf(later));
        String before = mvc.perform(get("/api/v1/requests").param("due_before", "2026-02-10")
                .header("Authorization", read)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((List<String>) JsonPath.read(before, "$.requests[*].id")).contains(early).doesNotContain(later);
        mvc.perform(get("/api/v1/requests").param("status", "NOPE").header("Authorization", read))
                .andExpect(status().isBadRequest());
    }

    @Test
    void completionWaitsForConnectedSystemsUntilTheStepIsWaivedWithAReason() throws Exception {
        String id = createdNow("ACCESS", uniqueEmail("steps"), Instant.now());
        systems.nextPending.set(true);
        assertThat((String) JsonPath.read(action(id, "verify", "{\"how\":\"replied from the address on file\"}"),
                "$.status")).isEqualTo("WAITING_FOR_SYSTEMS");
        mvc.perform(post("/api/v1/requests/" + id + "/complete").header("Authorization", write)
                .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value("urn:vern:problem:steps-outstanding"));
        String steps = mvc.perform(get("/api/v1/requests/" + id + "/steps").header("Authorization", read))
                .andReturn().getResponse().getContentAsString();
        String stepId = JsonPath.read(steps, "$.steps[0].id");
        action(id, "steps/" + stepId + "/waive", "{\"reasons\":\"System retired, no data\"}");
        assertThat((String) JsonPath.read(action(id, "complete", "{}"), "$.status")).isEqualTo("COMPLETED");
    }

    @Test
    void art16_anAcceptedRectificationCorrectsTheRegisterKeepsHistoryAndTellsThePerson() throws Exception {
        String email = uniqueEmail("retting");
        no.vern.shared.SubjectId subject = register.register(contactOnFile("Rett Ting", email));
        String id = createdNow("RECTIFICATION", email, clock.instant());

        String done = action(id, "rectify", "{\"purpose\":\"customer-administration\",\"phone\":\"+47 915 55 999\"}");

        // The correction is made at once; the answer waits for the recipients to be told (GDPR Art. 19).
        assertThat(JsonPath.<String>read(done, "$.status")).isEqualTo("INFORMING_RECIPIENTS");
        assertThat(register.read(subject, "customer-administration").value("phone")).contains("+4791555999");
        assertThat(register.history(subject)).anySatisfy(change -> assertThat(change.category()).isEqualTo("phone"));
        assertThat(mailTo(email)).noneSatisfy(m -> assertThat(body(m)).contains("rettet"));
        String notices = mvc.perform(get("/api/v1/requests/" + id + "/recipients").header("Authorization", read))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<String> ids = JsonPath.read(notices, "$.recipients[*].id");
        List<String> names = JsonPath.read(notices, "$.recipients[*].nameNb");
        // The auditor is a controller of its own, the tax authorities a public authority (issue 21, item 7).
        assertThat(names).containsExactly("Kundeskyen AS", "Regnverket AS",
                "Revisor", "Skattemyndighetene (når loven krever det)");
        // The case cannot complete while a task is open.
        mvc.perform(post("/api/v1/requests/" + id + "/complete").header("Authorization", write)
                .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value("urn:vern:problem:recipients-outstanding"));
        action(id, "recipients/" + ids.get(0), "{\"outcome\":\"TOLD\",\"reason\":\"sent the correction through the CRM support desk\"}");
        // Not told needs reasons in words; punctuation is not a reason.
        assertThat(action(id, "recipients/" + ids.get(1), "{\"outcome\":\"DISPROPORTIONATE\",\"reason\":\".\"}"))
                .contains("urn:vern:problem:validation");
        action(id, "recipients/" + ids.get(1), "{\"outcome\":\"DISPROPORTIONATE\",\"reason\":"
                + "\"the invoicing system holds no phone numbers of contacts\"}");
        assertThat(mailTo(email)).noneSatisfy(m -> assertThat(body(m)).contains("rettet"));
        action(id, "recipients/" + ids.get(2), "{\"outcome\":\"IMPOSSIBLE\",\"reason\":"
                + "\"the auditor received no contact data of this person\"}");
        assertThat(mailTo(email)).noneSatisfy(m -> assertThat(body(m)).contains("rettet"));
        String last = action(id, "recipients/" + ids.get(3), "{\"outcome\":\"IMPOSSIBLE\",\"reason\":"
                + "\"the tax authorities received no contact data of this person\"}");
        assertThat(JsonPath.<String>read(last, "$.state")).isEqualTo("IMPOSSIBLE");
        // Settled: the person is told exactly what happened for each recipient.
        assertThat(mailTo(email)).anySatisfy(m -> assertThat(body(m)).contains("phone", "art. 19",
                "disse mottakerne (personvernforordningen art. 19): Kundeskyen AS.",
                "Vi har ikke gitt beskjed til Regnverket AS, fordi det ville kreve en "
                        + "uforholdsmessig stor innsats (personvernforordningen art. 19): the invoicing system holds no phone",
                "Vi har ikke gitt beskjed til Revisor, fordi det viste seg umulig",
                "Vi har ikke gitt beskjed til Skattemyndighetene (når loven krever det), fordi det viste seg umulig"));
        String history = mvc.perform(get("/api/v1/requests/" + id + "/history").header("Authorization", read))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(history).contains("recipients-to-inform", "answer-held", "recipient-told", "recipient-disproportionate",
                "recipient-impossible", "completed");
        // Only a rectification request corrects data, and a correction needs a value.
        String access = createdNow("ACCESS", uniqueEmail("innsyn"), clock.instant());
        assertThat(action(access, "rectify", "{\"purpose\":\"customer-administration\",\"phone\":\"+47 915 55 998\"}"))
                .contains("urn:vern:problem:validation");
        String empty = createdNow("RECTIFICATION", uniqueEmail("tom"), clock.instant());
        assertThat(action(empty, "rectify", "{\"purpose\":\"customer-administration\"}")).contains("urn:vern:problem:validation");
    }

    @Test
    void theEmailAddressAndNotesAreStoredOnlyEncrypted() throws Exception {
        String email = uniqueEmail("secret");
        String id = createdNow("QUESTION", email, Instant.now());
        action(id, "notes", "{\"text\":\"Called back about " + email + "\"}");
        String rows = jdbc.sql("""
                SELECT string_agg(t::text, '|') FROM (
                  SELECT c::text AS t FROM requests_case c WHERE id = CAST(:id AS uuid)
                  UNION ALL SELECT n::text FROM requests_note n WHERE case_id = CAST(:id AS uuid)
                  UNION ALL SELECT h::text FROM requests_history h WHERE case_id = CAST(:id AS uuid)) x""")
                .param("id", id).query(String.class).single();
        String hex = java.util.HexFormat.of().formatHex(email.getBytes(StandardCharsets.UTF_8));
        assertThat(rows).doesNotContain(email).doesNotContain(hex).doesNotContain("Called back");
        String notes = mvc.perform(get("/api/v1/requests/" + id + "/notes").header("Authorization", read))
                .andReturn().getResponse().getContentAsString();
        assertThat(notes).contains("Called back");
    }
}
