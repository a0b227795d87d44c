package no.vern.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import no.vern.communications.Eligibility;
import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.consent.GiveConsent;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;
import no.vern.support.Tokens;
import no.vern.support.VernTest;

/**
 * Objection and withdrawal requests take effect (issue 20, item 6; GDPR Arts. 21, 7(3)), and staff record an
 * objection received by phone or letter from the console and the API.
 */
@VernTest
@Import(RequestsTestSupport.Systems.class)
class ObjectionAndWithdrawalTests extends RequestsTestSupport {

    @Autowired
    Requests requests;
    @Autowired
    SubjectRegister register;
    @Autowired
    ConsentLedger ledger;
    @Autowired
    Eligibility eligibility;
    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;

    private SubjectId newsletterReader(String email) {
        return register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), "customer-newsletter",
                Source.SUBJECT, null, PersonalData.contact("Kari Leser", email, null)));
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private boolean objectsToDirectMarketing(SubjectId subject) {
        return jdbc.sql("SELECT count(*) FROM communications_objection WHERE subject_id = :s AND list_id IS NULL"
                + " AND channel = 'STAFF'").param("s", subject.value()).query(Long.class).single() > 0;
    }

    private boolean mayGetNewsletter(String email) {
        return eligibility.check("customer-newsletter", List.of(email)).get(0).eligible();
    }

    private RequestId verified(RequestKind kind, String email) {
        RequestId id = requests.receive(new NewRequest(kind, RequestChannel.EMAIL, email, null, Locale.ENGLISH, null))
                .request().id();
        requests.verify(id, "replied from the address");
        return id;
    }

    @Test
    void art21_2_anObjectionCaseAgainstDirectMarketingStopsTheNextNewsletter() {
        String email = uniqueEmail("object");
        newsletterReader(email);
        assertThat(mayGetNewsletter(email)).isTrue();
        RequestId id = verified(RequestKind.OBJECTION, email);

        RequestCase done = requests.decideObjection(id,
                new ObjectionDecision(ObjectionDecision.Ground.DIRECT_MARKETING, null, true, null));

        assertThat(done.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(mayGetNewsletter(email)).isFalse();
        assertThat(requests.history(id)).extracting(CaseEvent::action).contains("objection-recorded");
        assertThat(mailTo(email)).anySatisfy(m -> assertThat(body(m)).contains("objection to direct marketing"));
    }

    @Test
    void anObjectionCaseCannotCompleteWithoutItsDecision() {
        String email = uniqueEmail("nodecision");
        newsletterReader(email);
        RequestId id = verified(RequestKind.OBJECTION, email);
        assertThatThrownBy(() -> requests.complete(id, "done")).isInstanceOf(InvalidInput.class);
        assertThat(mayGetNewsletter(email)).isTrue();
    }

    @Test
    void art21_1_aRejectedObjectionNeedsReasonsInWords() {
        String email = uniqueEmail("weigh");
        register.register(contactOnFile("Kari", email));
        RequestId id = verified(RequestKind.OBJECTION, email);
        assertThatThrownBy(() -> requests.decideObjection(id, new ObjectionDecision(
                ObjectionDecision.Ground.LEGITIMATE_INTEREST, "customer-administration", false, "...")))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void art7_3_aWithdrawConsentCaseWithdrawsTheNamedConsentInTheLedger() {
        String email = uniqueEmail("withdraw");
        SubjectId subject = SubjectId.random();
        ledger.give(new GiveConsent(subject, "events", Channel.EVENT_SIGNUP, Locale.ENGLISH, null, null, null, null));
        register.register(new NewSubject(subject, Set.of(SubjectKind.EVENT_PARTICIPANT), "events", Source.EVENT_FORM,
                null, PersonalData.contact("Kari", email, null)));
        RequestId id = verified(RequestKind.WITHDRAW_CONSENT, email);

        requests.withdrawConsents(id, Set.of("events"));

        assertThat(ledger.current(subject, "events")).hasValueSatisfying(s -> assertThat(s.status().grants()).isFalse());
        assertThat(requests.get(id).status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(mailTo(email)).anySatisfy(m -> assertThat(body(m)).contains("We have withdrawn your consent to"));
    }

    @Test
    void art21_3_anObjectionReceivedByPhoneIsRecordedThroughTheApi() throws Exception {
        String email = uniqueEmail("phone");
        newsletterReader(email);
        mvc.perform(post("/api/v1/communications/objections")
                .header("Authorization", Tokens.bearer(tokens, ApiScope.COMMUNICATIONS_WRITE))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"" + email + "\",\"received\":\"phone\"}"))
                .andExpect(status().isCreated());
        assertThat(mayGetNewsletter(email)).isFalse();
    }

    @Test
    void art21_3_anObjectionReceivedByLetterIsRecordedInTheConsole() throws Exception {
        String email = uniqueEmail("letter");
        newsletterReader(email);
        mvc.perform(post("/console/communications/objections").with(user("marketer").roles("MARKETING")).with(csrf())
                .param("email", email).param("listId", "").param("received", "letter"))
                .andExpect(status().is3xxRedirection());
        assertThat(mayGetNewsletter(email)).isFalse();
    }

    @Test
    void art21_1_anApiDecisionWithoutUpheldIsNamedAndOneWithoutTheScopeIsForbidden() throws Exception {
        String email = uniqueEmail("apiweigh");
        register.register(contactOnFile("Kari", email));
        RequestId id = verified(RequestKind.OBJECTION, email);
        String weighed = "{\"ground\":\"LEGITIMATE_INTEREST\",\"purposeKey\":\"customer-administration\","
                + "\"reasons\":\"We weighed the person's situation against the contract.\"}";
        // A caller without requests:write is refused before the body is looked at.
        mvc.perform(post("/api/v1/requests/" + id + "/objection")
                .header("Authorization", Tokens.bearer(tokens, ApiScope.REQUESTS_READ))
                .contentType(MediaType.APPLICATION_JSON).content(weighed))
                .andExpect(status().isForbidden());
        // A weighed objection needs the outcome: the problem names the field, the case stays open.
        mvc.perform(post("/api/v1/requests/" + id + "/objection")
                .header("Authorization", Tokens.bearer(tokens, ApiScope.REQUESTS_WRITE))
                .contentType(MediaType.APPLICATION_JSON).content(weighed))
                .andExpect(status().isBadRequest())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("upheld")));
        assertThat(requests.get(id).status()).isNotEqualTo(RequestStatus.COMPLETED);
    }

    @Test
    void theConsoleAnswerDoesNotTellMarketingWhetherAPersonItMayNotSeeIsHeld() throws Exception {
        // A customer employee is not a kind marketing may see (register role matrix): recording the objection must
        // reach them, but the answer must be the same as for an address nobody is held under.
        String held = uniqueEmail("employee");
        SubjectId employee = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_EMPLOYEE),
                "customer-administration", Source.CUSTOMER, null, PersonalData.contact("Ola Ansatt", held, null)));
        String unheld = uniqueEmail("nobody");

        var answers = new java.util.ArrayList<Object>();
        for (String email : List.of(held, unheld)) {
            var flash = mvc.perform(post("/console/communications/objections").with(user("marketer").roles("MARKETING"))
                    .with(csrf()).param("email", email).param("listId", "").param("received", "phone"))
                    .andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
            answers.add(new java.util.TreeMap<>(flash));
        }

        assertThat(answers.get(0)).isEqualTo(answers.get(1));
        assertThat(answers.get(0).toString()).contains("communications.objection.recorded")
                .doesNotContain(employee.toString());
        assertThat(mayGetNewsletter(held)).isFalse();
        assertThat(mayGetNewsletter(unheld)).isFalse();
        assertThat(objectsToDirectMarketing(employee)).isTrue();
    }

    @Test
    void anObjectionWithoutHowItArrivedIsRefused() throws Exception {
        mvc.perform(post("/api/v1/communications/objections")
                .header("Authorization", Tokens.bearer(tokens, ApiScope.COMMUNICATIONS_WRITE))
                .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"" + uniqueEmail("x") + "\"}"))
                .andExpect(status().isBadRequest());
    }

    @Autowired
    RequestsTestSupport.StandInSystems systems;
    @Autowired
    no.vern.register.RetentionView retentionView;

    private boolean eraseFannedOut(SubjectId subject, String purpose) {
        return systems.fanOuts().stream().anyMatch(f -> f.operation() == Operation.ERASE
                && subject.equals(f.subject()) && f.purposeKeys().equals(Set.of(purpose)) && !f.emails().isEmpty());
    }

    @Test
    void art17_aConsentWithdrawalErasesInTheConnectedSystemsThatHoldThePurpose() throws Exception {
        String email = uniqueEmail("fanout");
        SubjectId subject = SubjectId.random();
        ledger.give(new GiveConsent(subject, "events", Channel.EVENT_SIGNUP, Locale.ENGLISH, null, null, null, null));
        register.register(new NewSubject(subject, Set.of(SubjectKind.EVENT_PARTICIPANT), "events", Source.EVENT_FORM,
                null, PersonalData.contact("Kari", email, null)));
        ledger.withdraw(subject, "events", Channel.PHONE, null);
        // The withdrawal effects run after the ledger's commit (event publication registry).
        long until = System.currentTimeMillis() + 15_000;
        while (!eraseFannedOut(subject, "events") && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        assertThat(eraseFannedOut(subject, "events")).isTrue();
    }

    @Test
    void art5_1_e_aRetentionPurgeErasesInTheConnectedSystemsThatHoldThePurpose() {
        String email = uniqueEmail("purge");
        SubjectId subject = register.register(contactOnFile("Kari", email));
        var held = retentionView.heldFor("customer-administration", null, 10_000).stream()
                .filter(r -> r.subject().equals(subject)).map(no.vern.register.RetentionView.HeldRecord::record).toList();
        retentionView.eraseRecords(subject, "customer-administration", held);
        assertThat(eraseFannedOut(subject, "customer-administration")).isTrue();
    }
}
