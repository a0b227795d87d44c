package no.vern.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import no.vern.register.SubjectRegister;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.VernTest;

/**
 * The privacy center: proportionate verification (GDPR Art. 12(6), EDPB Guidelines 01/2022) with codes only
 * to an address on file, no enumeration, rate limits, and the access export (Art. 15) behind the code.
 */
@VernTest
@Import(RequestsTestSupport.Systems.class)
class PrivacyCenterTests extends RequestsTestSupport {

    @Autowired
    MockMvc mvc;
    @Autowired
    SubjectRegister register;

    private static RequestPostProcessor from(String ip) {
        return request -> {
            request.setRemoteAddr(ip);
            return request;
        };
    }

    private String onFile(String who) {
        String email = uniqueEmail(who);
        register.register(contactOnFile(Canaries.NAME, email));
        return email;
    }

    /** Posts the form; returns the redirect location. */
    private String submit(String kind, String email, String ip, MockHttpSession session) throws Exception {
        MvcResult result = mvc.perform(post("/personvern/rettigheter").session(session).with(csrf()).with(from(ip))
                .param("kind", kind).param("email", email)).andExpect(status().is3xxRedirection()).andReturn();
        return result.getResponse().getRedirectedUrl();
    }

    private static String caseId(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void art12_6_theCodeIsSentOnlyToAnAddressOnFileAndNeverToANewOne() throws Exception {
        String known = onFile("known");
        String unknown = uniqueEmail("unknown");
        submit("ACCESS", known, "10.81.0.1", new MockHttpSession());
        submit("ACCESS", unknown, "10.81.0.1", new MockHttpSession());
        assertThat(awaitMailTo(known, 1)).hasSize(1);
        assertThat(codeSentTo(known)).matches("\\d{6}");
        // The typed-in address that is not on file gets nothing; the case waits for a handler.
        assertThat(mailTo(unknown)).isEmpty();
    }

    @Test
    void theAnswerIsTheSameWhetherOrNotTheAddressIsOnFile() throws Exception {
        // EDPB 01/2022 / no enumeration: redirect and page are identical apart from the case id and CSRF token.
        String known = submit("ERASURE", onFile("same"), "10.81.0.2", new MockHttpSession());
        String unknown = submit("ERASURE", uniqueEmail("other"), "10.81.0.2", new MockHttpSession());
        assertThat(known.replace(caseId(known), "ID")).isEqualTo(unknown.replace(caseId(unknown), "ID"))
                .startsWith("/personvern/rettigheter/kode/");
        assertThat(page(known)).isEqualTo(page(unknown));
    }

    private String page(String location) throws Exception {
        MvcResult r = mvc.perform(get(location)).andExpect(status().isOk()).andReturn();
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8).replace(caseId(location), "ID")
                .replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "csrf");
    }

    /** A browser's session cookie across MockMvc requests (Spring Session keeps sessions in the database). */
    static final class Jar implements RequestPostProcessor {
        jakarta.servlet.http.Cookie cookie;

        @Override
        public org.springframework.mock.web.MockHttpServletRequest postProcessRequest(
                org.springframework.mock.web.MockHttpServletRequest request) {
            if (cookie != null) {
                request.setCookies(cookie);
            }
            return request;
        }

        org.springframework.test.web.servlet.ResultMatcher keep() {
            return r -> r.getResponse().getHeaders("Set-Cookie").stream().filter(h -> h.startsWith("VERN_SESSION="))
                    .findFirst().ifPresent(h -> cookie = no.vern.support.SessionCookies.from(r.getResponse()));
        }
    }

    @Test
    void art15_accessJourneyCodeIsSingleUseAndUnlocksTheExportWithEveryArticle15Item() throws Exception {
        String email = onFile("access");
        Jar session = new Jar();
        mvc.perform(get("/personvern/rettigheter")).andExpect(session.keep());
        String location = mvc.perform(post("/personvern/rettigheter").with(session).with(csrf()).with(from("10.81.0.3"))
                .param("kind", "ACCESS").param("email", email)).andExpect(session.keep()).andReturn().getResponse()
                .getRedirectedUrl();
        String id = caseId(location);
        // Before verification the export is not handed out.
        mvc.perform(get("/personvern/rettigheter/sak/" + id + "/eksport.json").with(session))
                .andExpect(status().isSeeOther());
        mvc.perform(post(location).with(session).with(csrf()).with(from("10.81.0.3")).param("code", "000000x"))
                .andExpect(status().is3xxRedirection())
                .andExpect(r -> assertThat(r.getResponse().getRedirectedUrl()).endsWith("?wrong"));
        String code = codeSentTo(email);
        mvc.perform(post(location).with(session).with(csrf()).with(from("10.81.0.3")).param("code", code))
                .andExpect(session.keep()).andExpect(status().is3xxRedirection())
                .andExpect(r -> assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/personvern/rettigheter/sak/" + id));
        // Single use: the same code does not verify again (a new session).
        mvc.perform(post(location).with(csrf()).with(from("10.81.0.3")).param("code", code))
                .andExpect(r -> assertThat(r.getResponse().getRedirectedUrl()).endsWith("?wrong"));
        String json = mvc.perform(get("/personvern/rettigheter/sak/" + id + "/eksport.json").with(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat((String) JsonPath.read(json, "$.schema")).isEqualTo(AccessExport.SCHEMA);
        assertThat((Boolean) JsonPath.read(json, "$.dataHeld")).isTrue();
        assertEveryArticle15ItemPresent(json);
        // Each datum says purpose, legal basis, source, recipients, retention and rights.
        List<Map<String, Object>> data = JsonPath.read(json, "$.data");
        assertThat(data).isNotEmpty().allSatisfy(d -> assertThat(d).containsKeys("purposes", "source", "recipients", "rights"));
        assertThat((List<String>) JsonPath.read(json, "$.data[*].value")).contains(email, Canaries.NAME);
        assertThat((String) JsonPath.read(json, "$.data[0].purposes[0].legalBasis")).isNotBlank();
        assertThat((List<String>) JsonPath.read(json, "$.data[*].purposes[*].retention")).isNotEmpty();
        // Data from the connected systems is part of the export.
        assertThat((List<String>) JsonPath.read(json, "$.systems[*].system")).contains("CRM");
        byte[] pdf = mvc.perform(get("/personvern/rettigheter/sak/" + id + "/eksport.pdf").with(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        byte[] zip = mvc.perform(get("/personvern/rettigheter/sak/" + id + "/eksport.csv").with(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(zip, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");
        String html = mvc.perform(get("/personvern/rettigheter/sak/" + id + "/eksport.html").with(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("15(1)(h)");
    }

    /** One person's verified access case: its id and the browser session that verified it. */
    private record Verified(String id, Jar session) {
    }

    private Verified verifiedAccessCase(String email, String ip) throws Exception {
        Jar session = new Jar();
        mvc.perform(get("/personvern/rettigheter")).andExpect(session.keep());
        String location = mvc.perform(post("/personvern/rettigheter").with(session).with(csrf()).with(from(ip))
                .param("kind", "ACCESS").param("email", email)).andExpect(session.keep()).andReturn().getResponse()
                .getRedirectedUrl();
        mvc.perform(post(location).with(session).with(csrf()).with(from(ip)).param("code", codeSentTo(email)))
                .andExpect(session.keep()).andExpect(status().is3xxRedirection());
        return new Verified(caseId(location), session);
    }

    @Test
    void art15_aVerifiedSessionDoesNotOpenAnotherPersonsExport() throws Exception {
        // Object-level authorisation (ASVS V8.2.2): the verification unlocks one case, not case ids in general.
        String aliceEmail = onFile("alice");
        String bobEmail = onFile("bob");
        Verified alice = verifiedAccessCase(aliceEmail, "10.81.0.21");
        Verified bob = verifiedAccessCase(bobEmail, "10.81.0.22");

        for (String format : List.of("json", "pdf", "csv", "html")) {
            MvcResult denied = mvc.perform(get("/personvern/rettigheter/sak/" + bob.id() + "/eksport." + format)
                    .with(alice.session())).andExpect(status().isSeeOther()).andReturn();
            assertThat(denied.getResponse().getRedirectedUrl()).isEqualTo("/personvern/rettigheter/sak/" + bob.id());
            assertThat(denied.getResponse().getContentAsString(StandardCharsets.UTF_8)).doesNotContain(bobEmail);
        }
        String bobsCasePage = mvc.perform(get("/personvern/rettigheter/sak/" + bob.id()).with(alice.session()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(bobsCasePage).doesNotContain(bobEmail).doesNotContain("eksport.json");
        // Each still opens their own.
        assertThat(mvc.perform(get("/personvern/rettigheter/sak/" + alice.id() + "/eksport.json").with(alice.session()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains(aliceEmail).doesNotContain(bobEmail);
        assertThat(mvc.perform(get("/personvern/rettigheter/sak/" + bob.id() + "/eksport.json").with(bob.session()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains(bobEmail).doesNotContain(aliceEmail);
    }

    /** GDPR Art. 15(1)(a)–(h): each item has content or a stated reason why it does not apply. */
    static void assertEveryArticle15ItemPresent(String json) {
        Map<String, Map<String, Object>> art15 = JsonPath.read(json, "$.art15");
        for (String item : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
            assertThat(art15).as("Art. 15(1)(%s)", item).containsKey(item);
            Map<String, Object> entry = art15.get(item);
            boolean hasContent = !((List<?>) entry.get("items")).isEmpty();
            Object reason = entry.get("notApplicable");
            assertThat(hasContent || reason instanceof String s && !s.isBlank())
                    .as("Art. 15(1)(%s) has content or a not-applicable reason", item).isTrue();
        }
    }

    @Test
    void anExportForSomeoneNotInTheRegisterStillStatesEveryItemAsNotApplicable() throws Exception {
        // The export document's own check: nothing held still answers every item of Art. 15(1).
        String json = new String(exportFor(SubjectId.random()), StandardCharsets.UTF_8);
        assertEveryArticle15ItemPresent(json);
    }

    @Autowired
    Requests requests;
    @Autowired
    PrivacyCenter center;

    private byte[] exportFor(SubjectId ignored) {
        RequestId id = requests.receive(new NewRequest(RequestKind.ACCESS, RequestChannel.LETTER, uniqueEmail("nobody"),
                null, java.util.Locale.ENGLISH, null)).request().id();
        requests.verify(id, "letter signed");
        requests.complete(id, null);
        return center.download(id, PrivacyCenter.ExportFormat.JSON).orElseThrow().content();
    }

    @Test
    void codesAreRateLimitedPerAddress() throws Exception {
        String email = onFile("limit");
        String location = submit("RECTIFICATION", email, "10.81.0.4", new MockHttpSession());
        for (int i = 0; i < 4; i++) {
            mvc.perform(post(location + "/ny").with(csrf()).with(from("10.81.0." + (10 + i))))
                    .andExpect(status().is3xxRedirection());
        }
        // Three codes per address and hour (first one with the form, then two resends); the rest are silent.
        assertThat(awaitMailTo(email, 3)).hasSize(3);
        Thread.sleep(300); // the first tries run off the request thread: a fourth would have arrived by now
        assertThat(mailTo(email)).hasSize(3);
    }

    @Test
    void formPostsAreRateLimitedPerIp() throws Exception {
        int status = 0;
        for (int i = 0; i < 25 && status != 429; i++) {
            status = mvc.perform(post("/privacy/rights").with(csrf()).with(from("10.81.9.9")).param("kind", "QUESTION")
                    .param("email", uniqueEmail("ip"))).andReturn().getResponse().getStatus();
        }
        assertThat(status).isEqualTo(429);
    }

    @Test
    void theRightsPageExplainsTheRecordOfProcessingInNorwegianAndEnglish() throws Exception {
        String nb = mvc.perform(get("/personvern/rettigheter")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(nb).contains("Dine personvernrettigheter", "lang=\"nb\"", "Hva vil du gjøre?", "id=\"kind-ACCESS\"",
                "id=\"kind-QUESTION\"", "Berettiget interesse",
                // Issue 21: who is responsible, from the company profile.
                "Hvem som er ansvarlig", "Fjellvik Rådgivning AS", "mailto:personvern@fjellvik.example", "Datatilsynet");
        String en = mvc.perform(get("/privacy/rights")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("Your privacy rights", "lang=\"en\"", "What do you want to do?", "id=\"kind-ERASURE\"",
                "Legitimate interest", "Who is responsible",
                "The Norwegian Data Protection Authority (Datatilsynet)");
    }

    private String page(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theChooserLeadsToOneShortFormForTheChosenRight() throws Exception {
        // Issue 23 item 5: the chooser is a plain GET form (no JavaScript); the chosen right gets one form, nothing else.
        String chooser = page(get("/personvern/rettigheter"));
        assertThat(chooser).contains("method=\"get\"", "name=\"chooser\"").doesNotContain("method=\"post\"", "error-summary");
        String form = page(get("/personvern/rettigheter").param("chooser", "1").param("kind", "RECTIFICATION"));
        assertThat(form).contains("<h1>Retting</h1>", "name=\"kind\" value=\"RECTIFICATION\"", "id=\"email\"")
                .doesNotContain("error-summary", "Hva vi behandler og hvorfor");
        assertThat(form.split("method=\"post\"", -1)).hasSize(2);
        assertThat(page(get("/privacy/rights").param("kind", "RECTIFICATION"))).contains("<h1>Rectification</h1>",
                "href=\"/personvern/rettigheter?kind=RECTIFICATION\"");
    }

    @Test
    void aChoiceLeftEmptyIsSaidOnTopWithALinkToTheChoices() throws Exception {
        String page = page(get("/personvern/rettigheter").param("chooser", "1"));
        assertThat(page).contains("id=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus", "href=\"#kind-ACCESS\"",
                "Velg hva du vil gjøre.", "<title>Feil: Dine personvernrettigheter</title>", "Hva vil du gjøre?");
        assertThat(page(get("/privacy/rights").param("kind", "NOT_A_RIGHT"))).contains("There is a problem",
                "Choose what you want to do.");
    }

    @Test
    void aBadAddressKeepsTheInputAndIsSaidOnTopAndAtTheField() throws Exception {
        String page = mvc.perform(post("/privacy/rights").with(csrf()).with(from("10.81.7.1")).param("kind", "ERASURE")
                .param("email", "not-an-address").param("details", "About the 2019 order"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"error-summary\"", "href=\"#email\"", "<title>Error: Erasure – Your privacy rights</title>",
                "<h1>Erasure</h1>", "value=\"not-an-address\"", ">About the 2019 order</textarea>", "aria-invalid=\"true\"",
                "aria-describedby=\"email-error\"", "id=\"email-error\"", "Enter a valid email address.");
    }

    @Test
    void aWrongCodeIsSaidOnTopWithALinkToTheCodeField() throws Exception {
        String location = submit("ACCESS", uniqueEmail("wrong-code"), "10.81.7.2", new MockHttpSession());
        assertThat(page(get(location))).doesNotContain("error-summary", "aria-invalid=\"true\"");
        String wrong = page(get(location).param("wrong", "")); // the redirect's "?wrong"
        assertThat(wrong).contains("id=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus", "href=\"#code\"",
                "<title>Feil: Bekreft at det er deg</title>", "aria-invalid=\"true\"", "aria-describedby=\"code-error\"");
    }
}
