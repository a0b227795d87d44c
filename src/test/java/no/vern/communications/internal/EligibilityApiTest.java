package no.vern.communications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import no.vern.communications.BounceKind;
import no.vern.communications.Eligibility;
import no.vern.communications.EligibilityAnswer;
import no.vern.communications.EligibilityReason;
import no.vern.communications.ObjectionChannel;
import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.consent.ConsentReceipt;
import no.vern.consent.GiveConsent;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.identity.IssuedToken;
import no.vern.processing.SubjectKind;
import no.vern.register.ConsentGate;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Restrictions;
import no.vern.register.Source;
import no.vern.register.SubjectUpdate;
import no.vern.shared.SubjectId;
import no.vern.support.Tokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The eligibility API for external mailers (S7, markedsføringsloven § 15): reasons, and nothing beyond the caller's list. */
class EligibilityApiTest extends CommunicationsTestSupport {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    ConsentLedger consents;
    @Autowired
    Eligibility eligibility;
    @Autowired
    ConsentGate gate;
    @Autowired
    Restrictions restrictions;

    @Test
    void eachAddressGetsItsReasonAndOnlyTheCallersOwnAddressesComeBack() throws Exception {
        String eligible = uniqueEmail();
        reader("Test Ok", eligible, "nb");
        String objected = uniqueEmail();
        communications.object(reader("Test Nei", objected, "nb"), null, ObjectionChannel.STAFF);
        String erased = uniqueEmail();
        register.erase(reader("Test Borte", erased, "nb"));
        String prospect = uniqueEmail();
        ConsentReceipt receipt = consents.give(GiveConsent.of(null, "prospect-dialogue", Channel.WEB_FORM, Locale.ENGLISH));
        register.register(new NewSubject(receipt.subject(), Set.of(SubjectKind.PROSPECT), "prospect-dialogue",
                Source.SUBJECT, null, PersonalData.contact("Test Prospekt", prospect, null)));
        String unknown = uniqueEmail();
        String typedDifferently = "  " + eligible.toUpperCase(Locale.ROOT) + " ";

        String body = """
                {"purpose":"customer-newsletter","emails":["%s","%s","%s","%s","%s","%s","not an address"]}"""
                .formatted(eligible, objected, erased, prospect, unknown, typedDifferently);
        String response = mvc.perform(post("/api/v1/eligibility").header("Authorization",
                Tokens.bearer(tokens, ApiScope.ELIGIBILITY_CHECK)).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.checked").value(7))
                .andExpect(jsonPath("$.eligible").value(2))
                .andExpect(jsonPath("$.results[0].reason").value("ELIGIBLE"))
                .andExpect(jsonPath("$.results[1].reason").value("OBJECTED"))
                .andExpect(jsonPath("$.results[2].reason").value("ERASED"))
                .andExpect(jsonPath("$.results[3].reason").value("NO_CONSENT"))
                .andExpect(jsonPath("$.results[4].reason").value("UNKNOWN"))
                .andExpect(jsonPath("$.results[5].reason").value("ELIGIBLE"))
                .andExpect(jsonPath("$.results[5].email").value(typedDifferently))
                .andExpect(jsonPath("$.results[6].reason").value("UNKNOWN"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        // Nothing but what was sent: no subject ids, names or other fields.
        assertThat(response).doesNotContain("subject", "Test ", receipt.subject().value().toString());
    }

    @Test
    void aCsvUploadIsCheckedLikeJson() throws Exception {
        String eligible = uniqueEmail();
        reader("Test Ok", eligible, "nb");
        String csv = "email\n" + eligible + "\n" + uniqueEmail() + "\n";
        String bearer = Tokens.bearer(tokens, ApiScope.ELIGIBILITY_CHECK);

        mvc.perform(post("/api/v1/eligibility").param("purpose", SOFT_OPT_IN).header("Authorization", bearer)
                .contentType("text/csv").content(csv)).andExpect(status().isOk())
                .andExpect(jsonPath("$.checked").value(2)).andExpect(jsonPath("$.results[0].reason").value("ELIGIBLE"))
                .andExpect(jsonPath("$.results[1].reason").value("UNKNOWN"));
        mvc.perform(multipart("/api/v1/eligibility").file(new MockMultipartFile("file", "liste.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8))).param("purpose", SOFT_OPT_IN).header("Authorization", bearer))
                .andExpect(status().isOk()).andExpect(jsonPath("$.results[0].reason").value("ELIGIBLE"));
    }

    @Test
    void badRequestsAreProblemsWithoutAnyAddressInThem() throws Exception {
        String bearer = Tokens.bearer(tokens, ApiScope.ELIGIBILITY_CHECK);
        mvc.perform(post("/api/v1/eligibility").header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content("{\"purpose\":\"no-such-purpose\",\"emails\":[\"a@example.no\"]}"))
                .andExpect(status().is4xxClientError());
        mvc.perform(post("/api/v1/eligibility").header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content("{\"emails\":[\"a@example.no\"]}")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:validation"));
        mvc.perform(post("/api/v1/eligibility").header("Authorization", Tokens.bearer(tokens, ApiScope.CONSENT_READ))
                .contentType(MediaType.APPLICATION_JSON).content("{\"purpose\":\"newsletter\",\"emails\":[]}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aHundredThousandAddressesAreAnsweredInOneCall() {
        String known = uniqueEmail();
        reader("Test Ok", known, "nb");
        List<String> emails = new ArrayList<>(Eligibility.MAX_ADDRESSES);
        emails.add(known);
        for (int i = 1; i < Eligibility.MAX_ADDRESSES; i++) {
            emails.add("ukjent" + i + "@masse.example.no");
        }

        List<EligibilityAnswer> answers = eligibility.check(SOFT_OPT_IN, emails);

        assertThat(answers).hasSize(Eligibility.MAX_ADDRESSES);
        assertThat(answers.get(0).reason()).isEqualTo(EligibilityReason.ELIGIBLE);
        assertThat(answers.stream().filter(a -> a.reason() == EligibilityReason.UNKNOWN).count())
                .isEqualTo(Eligibility.MAX_ADDRESSES - 1);
    }

    @Test
    void consentIsReadForTheWholeChunkAndAnswersAsThePerSubjectGateDoes() {
        // Issue 28 item 6: the consents of a chunk come from one set-based read; the answers must be those of the
        // gate asked subject by subject (GDPR Art. 7(3): a withdrawal counts at once).
        List<String> emails = new ArrayList<>();
        List<SubjectId> participants = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String email = uniqueEmail();
            participants.add(readerSignedUpForAnEvent(email));
            emails.add(email);
        }
        consents.withdraw(participants.get(1), "events", Channel.EMAIL_TO_PRIVACY_MAILBOX, null);
        consents.withdraw(participants.get(4), "events", Channel.EMAIL_TO_PRIVACY_MAILBOX, null);

        List<EligibilityAnswer> answers = eligibility.check("events", emails);

        assertThat(answers).extracting(EligibilityAnswer::reason).containsExactly(EligibilityReason.ELIGIBLE,
                EligibilityReason.NO_CONSENT, EligibilityReason.ELIGIBLE, EligibilityReason.ELIGIBLE,
                EligibilityReason.NO_CONSENT, EligibilityReason.ELIGIBLE);
        for (int i = 0; i < participants.size(); i++) {
            assertThat(answers.get(i).eligible()).as("participant %d", i)
                    .isEqualTo(gate.permits(participants.get(i), "events"));
        }
    }

    @Test
    void oneSubjectWithSeveralReasonsGetsTheStrongestOneAtEachStep() {
        // Issue 28 item 6: the chunk's one statement must keep the precedence of the reasons. One event participant on
        // a purpose that rests on consent, with one more reason at each step; the answer is always the strongest.
        String email = uniqueEmail();
        SubjectId participant = readerSignedUpForAnEvent(email);
        assertThat(reasonOf(email)).isEqualTo(EligibilityReason.ELIGIBLE);

        // GDPR Art. 18(2): a restricted subject's data is stored only, not used for mailing.
        restrictions.restrict(participant, "test: accuracy contested", null);
        assertThat(reasonOf(email)).isEqualTo(EligibilityReason.RESTRICTED);

        // GDPR Art. 7(3): without a consent in force the purpose has no basis at all, whatever else holds.
        consents.withdraw(participant, "events", Channel.EMAIL_TO_PRIVACY_MAILBOX, null);
        assertThat(reasonOf(email)).isEqualTo(EligibilityReason.NO_CONSENT);

        // A hard bounce suppresses the address itself, which is answered before anything about its subject.
        communications.recordBounce(email, BounceKind.HARD);
        assertThat(reasonOf(email)).isEqualTo(EligibilityReason.BOUNCED);

        // GDPR Art. 21(3): an objection to direct marketing is the strongest reason of all.
        communications.object(participant, null, ObjectionChannel.STAFF);
        assertThat(reasonOf(email)).isEqualTo(EligibilityReason.OBJECTED);
        // The same address typed differently, in a chunk of its own and beside unknown ones, is answered the same.
        assertThat(eligibility.check("events", List.of(uniqueEmail(), " " + email.toUpperCase(Locale.ROOT), uniqueEmail())))
                .extracting(EligibilityAnswer::reason)
                .containsExactly(EligibilityReason.UNKNOWN, EligibilityReason.OBJECTED, EligibilityReason.UNKNOWN);
    }

    @Test
    void theAnswerIsWrittenAsItIsFoundWithTheCountAfterTheResults() throws Exception {
        // Issue 28 item 6: the body is streamed (purpose and count first, results in order, the number eligible last),
        // and is still one JSON document of the same members.
        String eligible = uniqueEmail();
        reader("Test Ok", eligible, "nb");
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < EligibilityService.CHUNK + 10; i++) {
            emails.add(i == EligibilityService.CHUNK + 5 ? eligible : "ukjent" + i + "@strom.example.no");
        }
        String body = "{\"purpose\":\"" + SOFT_OPT_IN + "\",\"emails\":[\"" + String.join("\",\"", emails) + "\"]}";

        String response = mvc.perform(post("/api/v1/eligibility").header("Authorization",
                Tokens.bearer(tokens, ApiScope.ELIGIBILITY_CHECK)).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.purpose").value(SOFT_OPT_IN))
                .andExpect(jsonPath("$.checked").value(emails.size()))
                .andExpect(jsonPath("$.eligible").value(1))
                .andExpect(jsonPath("$.results.length()").value(emails.size()))
                .andExpect(jsonPath("$.results[%d].email".formatted(EligibilityService.CHUNK + 5)).value(eligible))
                .andExpect(jsonPath("$.results[%d].eligible".formatted(EligibilityService.CHUNK + 5)).value(true))
                .andExpect(jsonPath("$.results[%d].reason".formatted(EligibilityService.CHUNK + 4)).value("UNKNOWN"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(response).startsWith("{\"purpose\":\"" + SOFT_OPT_IN + "\",\"checked\":" + emails.size() + ",\"results\":[")
                .endsWith("],\"eligible\":1}");
    }

    @Test
    void answersOfManyChunksComeInTheCallersOrderWithOneAuditEntryNamingTheCaller() throws Exception {
        // Issue 28 item 6: chunk n+1 is normalised and hashed on the module's pool while chunk n is answered; the
        // answers must still be in the caller's order, and the call audited once, naming the API client.
        int chunks = 4;
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < chunks * EligibilityService.CHUNK + 7; i++) {
            emails.add("ukjent" + i + "@mange.example.no");
        }
        List<Integer> known = new ArrayList<>();
        for (int c = 0; c <= chunks; c++) {
            int at = c * EligibilityService.CHUNK + 2 + c % 3; // one known reader in every chunk, the last one short
            String email = uniqueEmail();
            reader("Test Ok", email, "nb");
            emails.set(at, c % 2 == 0 ? email : " " + email.toUpperCase(Locale.ROOT));
            known.add(at);
        }
        emails.set(EligibilityService.CHUNK + 100, "not an address");
        IssuedToken token = tokens.issue("test", EnumSet.of(ApiScope.ELIGIBILITY_CHECK), null);
        String body = "{\"purpose\":\"" + SOFT_OPT_IN + "\",\"emails\":[\"" + String.join("\",\"", emails) + "\"]}";

        String response = mvc.perform(post("/api/v1/eligibility").header("Authorization", "Bearer " + token.secret())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        JsonNode results = JsonMapper.builder().build().readTree(response).get("results");
        assertThat(results.size()).isEqualTo(emails.size());
        for (int i = 0; i < emails.size(); i++) {
            JsonNode result = results.get(i);
            assertThat(result.get("email").asString()).as("answer %d", i).isEqualTo(emails.get(i));
            assertThat(result.get("reason").asString()).as("answer %d", i)
                    .isEqualTo(known.contains(i) ? "ELIGIBLE" : "UNKNOWN");
        }
        assertThat(jdbc.sql("""
                SELECT actor || ' ' || outcome || ' ' || array_to_string(targets, ',') FROM audit_entry
                WHERE action = 'communications.eligibility.check' AND actor = :actor""")
                .param("actor", "api_client:" + token.token().id()).query(String.class).list())
                .containsExactly("api_client:" + token.token().id() + " SUCCESS addresses:" + emails.size() + ",eligible:"
                        + known.size());
    }

    @Test
    void tooManyAddressesAreRefusedAsAProblemBeforeAnyAnswerIsWritten() throws Exception {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i <= Eligibility.MAX_ADDRESSES; i++) {
            emails.add("a" + i + "@x.example");
        }
        String body = "{\"purpose\":\"" + SOFT_OPT_IN + "\",\"emails\":[\"" + String.join("\",\"", emails) + "\"]}";
        String response = mvc.perform(post("/api/v1/eligibility").header("Authorization",
                Tokens.bearer(tokens, ApiScope.ELIGIBILITY_CHECK)).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:validation"))
                .andExpect(jsonPath("$.errors[0].field").value("emails"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(response).doesNotContain("results", "@x.example");
    }

    /**
     * A newsletter reader (legitimate interest) who also signed up for an event (consent). A withdrawal of the event
     * consent erases the consent-based records after its commit (Art. 7(3)); the reader's record keeps the address in
     * the register, so an answer right after the withdrawal is about a known subject whether that erasure has run yet
     * or not.
     */
    private SubjectId readerSignedUpForAnEvent(String email) {
        SubjectId subject = reader("Test Deltaker", email, "en");
        consents.give(GiveConsent.of(subject, "events", Channel.EVENT_SIGNUP, Locale.ENGLISH));
        register.update(subject, register.summary(subject).version(), new SubjectUpdate("events", Source.EVENT_FORM,
                Set.of(SubjectKind.CUSTOMER_CONTACT, SubjectKind.EVENT_PARTICIPANT), null,
                PersonalData.contact("Test Deltaker", email, null)));
        return subject;
    }

    private EligibilityReason reasonOf(String email) {
        return eligibility.check("events", List.of(email)).get(0).reason();
    }
}
