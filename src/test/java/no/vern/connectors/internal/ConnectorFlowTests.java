package no.vern.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import jakarta.mail.internet.MimeMessage;
import no.vern.breach.BreachMailSupport;
import no.vern.connectors.Connector;
import no.vern.connectors.ConnectorRegistry;
import no.vern.connectors.ConnectorType;
import no.vern.connectors.NewConnector;
import no.vern.consent.Channel;
import no.vern.consent.GiveConsent;
import no.vern.crypto.CryptoShredder;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.RetentionView;
import no.vern.register.Source;
import no.vern.requests.FanOut;
import no.vern.requests.Operation;
import no.vern.requests.StepState;
import no.vern.requests.SystemData;
import no.vern.requests.SystemStep;
import no.vern.shared.DatabaseEndpoint;
import no.vern.shared.DemoMode;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/**
 * A case fans out to real systems: a second PostgreSQL database as CRM, a webhook server on 127.0.0.1 and
 * a manual task by mail. GDPR Art. 15(1) (all data, also in other systems), Art. 17 (erasure), Art. 19.
 */
@VernTest
class ConnectorFlowTests extends BreachMailSupport {

    static final String OTHER_EMAIL = "ola.nordmann@eksempel.example";
    static final String SECRET = "webhook-test-secret-0123456789";

    static WebhookTestServer hooks;

    @Autowired
    StepService orchestration;
    @Autowired
    StepRunner runner;
    @Autowired
    ConnectorRegistry registry;
    @Autowired
    DatabaseEndpoint endpoint;
    @Autowired
    DemoMode demo;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient vern;
    @Autowired
    MockMvc mvc;
    @Autowired
    CryptoShredder shredder;
    @Autowired
    no.vern.register.SubjectRegister register;
    @Autowired
    RetentionView retention;
    @Autowired
    no.vern.consent.ConsentLedger ledger;

    CrmDatabase crm;

    @BeforeAll
    static void startWebhookServer() {
        hooks = new WebhookTestServer(SECRET);
    }

    @AfterAll
    static void stopWebhookServer() {
        hooks.close();
    }

    @BeforeEach
    void crm() throws Exception {
        crm = new CrmDatabase(endpoint, demo.directory().resolve("secrets"));
        crm.addPerson(Canaries.NAME, Canaries.EMAIL, Canaries.PHONE_E164, "Turstøvler", "Kanarivegen 1, 0150 Oslo");
        crm.addPerson("Ola Nordmann", OTHER_EMAIL, "+4790000000", "Regnjakke", "Storgata 2, 0155 Oslo");
        hooks.clock = clock::instant;
        Files.writeString(demo.directory().resolve("secrets").resolve("hooks.properties"), "secret=" + SECRET + "\n");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Registers a JDBC connector and approves it (only approved connectors join requests). */
    Connector jdbc(String activity) {
        return registry.approve(unapprovedJdbc(activity).id());
    }

    Connector unapprovedJdbc(String activity) {
        return registry.register(new NewConnector("CRM " + UUID.randomUUID(), "Salg", null, ConnectorType.JDBC, List.of(activity),
                crm.config()));
    }

    Connector webhook(String activity, String path) {
        return registry.approve(registry.register(new NewConnector("HR " + UUID.randomUUID(), "HR", null, ConnectorType.WEBHOOK,
                List.of(activity), "{\"url\": \"" + hooks.url(path) + "\", \"secret\": \"file:hooks\"}")).id());
    }

    Connector manual(String activity) {
        return registry.approve(registry.register(new NewConnector("Regnskap " + UUID.randomUUID(), "Økonomi", "regnskap@webstep.example",
                ConnectorType.MANUAL, List.of(activity), "instructions: Søk i kundereskontro og bilagsarkiv.")).id());
    }

    static FanOut fanOut(UUID caseId, Operation operation, String purpose) {
        return new FanOut(caseId, operation, null, Set.of(Canaries.EMAIL), Set.of(), Set.of(purpose));
    }

    SystemStep step(UUID caseId, UUID connectorId) {
        return orchestration.steps(caseId).stream().filter(s -> s.connectorId().equals(connectorId)).findFirst().orElseThrow();
    }

    @Test
    void accessCollectsFromJdbcWebhookAndManualSystemsAndStoresItEncrypted() throws Exception {
        Connector crmConnector = jdbc("partners");
        Connector hr = webhook("partners", "/partners");
        hooks.resultBody = "{\"status\":\"DONE\",\"rows\":1,\"data\":{\"cv\":[\"CV fra 2024\"]}}";
        Connector accounting = manual("partners");
        UUID caseId = UUID.randomUUID();

        List<SystemStep> started = orchestration.start(fanOut(caseId, Operation.ACCESS, "partner-management"));
        assertThat(started).extracting(SystemStep::connectorId).containsExactlyInAnyOrder(crmConnector.id(), hr.id(), accounting.id());
        assertThat(started).allMatch(s -> s.state() == StepState.PENDING);

        runner.runDue();
        assertThat(step(caseId, crmConnector.id()).state()).isEqualTo(StepState.DONE);
        assertThat(step(caseId, crmConnector.id()).detail()).isEqualTo("3 rows in 3 tables");
        assertThat(step(caseId, hr.id()).state()).isEqualTo(StepState.DONE);
        assertThat(hooks.signatureVerdicts).isNotEmpty().allMatch("valid"::equals);
        assertThat(step(caseId, accounting.id()).state()).isEqualTo(StepState.WAITING_FOR_PERSON);

        // The responsible person gets a link (no personal data in the mail), opens the page, uploads the export.
        List<MimeMessage> mails = mailAbout(accounting.name());
        assertThat(mails).hasSize(1);
        String text = String.valueOf(mails.get(0).getContent());
        assertThat(text).doesNotContain(Canaries.EMAIL);
        Matcher link = Pattern.compile("/connectors/task/([0-9a-f-]{36})\\?t=([A-Za-z0-9_-]+)").matcher(text);
        assertThat(link.find()).isTrue();
        String path = "/connectors/task/" + link.group(1);
        mvc.perform(get(path).param("t", link.group(2))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(Canaries.EMAIL)));
        mvc.perform(get(path).param("t", "wrong-token")).andExpect(status().isNotFound());
        MockMultipartFile export = new MockMultipartFile("file", "eksport.csv", "text/csv",
                "kunde;faktura\nKanari;F-1001".getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart(path).file(export).param("t", link.group(2)).with(csrf())).andExpect(status().isOk());
        assertThat(step(caseId, accounting.id()).state()).isEqualTo(StepState.DONE);
        mvc.perform(get(path).param("t", link.group(2))).andExpect(status().isNotFound()); // a link works once

        // Issue 23 item 3: the outcome is kept as a code with arguments beside the API's English, and said in the
        // reader's language; a row from before the codes is recognised by its English.
        assertThat(step(caseId, crmConnector.id()).detailCode()).isEqualTo("connectors.detail.rowsFound");
        assertThat(step(caseId, crmConnector.id()).detailArgs()).containsExactly("3", "3");
        assertThat(step(caseId, accounting.id()).detail()).isEqualTo("export uploaded by the responsible person");
        var officer = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user("po")
                .roles("PRIVACY_OFFICER");
        String nb = mvc.perform(get("/console/connectors").with(officer).param("lang", "nb")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(nb).contains("eksport lastet opp av den ansvarlige").doesNotContain("export uploaded");
        vern.sql("UPDATE connectors_connector SET last_detail_code = NULL, last_detail_args = NULL WHERE id = :id")
                .param("id", accounting.id()).update();
        vern.sql("UPDATE connectors_step SET detail_code = NULL, detail_args = NULL WHERE case_id = :c").param("c", caseId).update();
        assertThat(mvc.perform(get("/console/connectors").with(officer).param("lang", "nb")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("eksport lastet opp av den ansvarlige");
        assertThat(mvc.perform(get("/console/connectors").with(officer).param("lang", "en")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("export uploaded by the responsible person");
        assertThat(step(caseId, crmConnector.id()).detailCode()).isEqualTo("connectors.detail.rowsFound");
        assertThat(step(caseId, accounting.id()).detailCode()).isEqualTo("connectors.detail.exportUploaded");

        Map<UUID, SystemData> collected = new java.util.HashMap<>();
        orchestration.collected(caseId, Operation.ACCESS).forEach(d -> collected.put(d.connectorId(), d));
        assertThat(collected).containsOnlyKeys(crmConnector.id(), hr.id(), accounting.id());
        assertThat(collected.get(crmConnector.id()).valuesByCategory())
                .containsEntry("name", List.of("full_name: " + Canaries.NAME))
                .containsEntry("phone", List.of("mobile: " + Canaries.PHONE_E164))
                .containsEntry("purchase-history", List.of("product: Turstøvler", "amount: 499.00"));
        assertThat(collected.get(crmConnector.id()).valuesByCategory().get("email")).allMatch(v -> v.endsWith(Canaries.EMAIL)).hasSize(2);
        assertThat(collected.get(crmConnector.id()).activityIds()).containsExactly("partners");
        assertThat(collected.get(hr.id()).valuesByCategory()).containsEntry("cv", List.of("CV fra 2024"));
        assertThat(collected.get(accounting.id()).valuesByCategory()).containsEntry("export", List.of("kunde;faktura\nKanari;F-1001"));
        assertThat(collected.get(crmConnector.id()).toString()).doesNotContain(Canaries.NAME);

        // Never plaintext at rest: identifiers and collected values are ciphertext.
        byte[] needle = Canaries.EMAIL.getBytes(StandardCharsets.UTF_8);
        List<byte[]> stored = vern.sql("SELECT payload FROM connectors_collected c JOIN connectors_step s ON s.id = c.step_id WHERE s.case_id = ?")
                .params(caseId).query(byte[].class).list();
        stored.addAll(vern.sql("SELECT identifiers FROM connectors_fanout WHERE case_id = ?").params(caseId).query(byte[].class).list());
        assertThat(stored).hasSize(4).noneMatch(b -> contains(b, needle)).noneMatch(b -> contains(b, "Turstøvler".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void erasureDeletesNullsAndMasksInTheCrmAsConfiguredAndVerificationFindsNothing() {
        Connector crmConnector = jdbc("customers");
        UUID caseId = UUID.randomUUID();
        orchestration.start(fanOut(caseId, Operation.ERASE, "customer-administration"));
        runner.runDue();

        assertThat(step(caseId, crmConnector.id()).state()).isEqualTo(StepState.DONE);
        assertThat(step(caseId, crmConnector.id()).detail()).isEqualTo("3 rows erased in 3 tables");
        // DELETE_ROW: the customer row is gone.
        assertThat(crm.count("SELECT count(*) FROM customer WHERE email = ?", Canaries.EMAIL)).isZero();
        assertThat(crm.count("SELECT count(*) FROM customer WHERE full_name = ?", Canaries.NAME)).isZero();
        // MASK: the order is kept (bookkeeping law) with email and address overwritten.
        assertThat(crm.count("SELECT count(*) FROM orders WHERE customer_email = 'slettet' AND delivery_address = 'slettet' AND product = 'Turstøvler'"))
                .isOne();
        assertThat(crm.count("SELECT count(*) FROM orders WHERE delivery_address LIKE 'Kanari%'")).isZero();
        // NULL_FIELDS: the subscription row stays without its email.
        assertThat(crm.count("SELECT count(*) FROM newsletter WHERE email IS NULL")).isOne();
        // The other person is untouched.
        assertThat(crm.count("SELECT count(*) FROM customer WHERE email = ?", OTHER_EMAIL)).isOne();
        assertThat(crm.count("SELECT count(*) FROM orders WHERE customer_email = ?", OTHER_EMAIL)).isOne();
        assertThat(crm.count("SELECT count(*) FROM newsletter WHERE email = ?", OTHER_EMAIL)).isOne();

        orchestration.start(fanOut(caseId, Operation.VERIFY_ERASED, "customer-administration"));
        runner.runDue();
        SystemStep verify = orchestration.steps(caseId).stream().filter(s -> s.operation() == Operation.VERIFY_ERASED).findFirst().orElseThrow();
        assertThat(verify.state()).isEqualTo(StepState.DONE);
        assertThat(verify.detail()).isEqualTo("0 rows in 0 tables");
        assertThat(orchestration.collected(caseId, Operation.VERIFY_ERASED)).filteredOn(d -> d.connectorId().equals(crmConnector.id()))
                .singleElement().satisfies(d -> assertThat(d.valuesByCategory()).isEmpty());
    }

    /** The steps a purpose-bound erasure outside any request started for one connector. */
    private List<SystemStep> eraseSteps(UUID connectorId) {
        return vern.sql("SELECT DISTINCT case_id FROM connectors_step WHERE connector_id = ? AND operation = 'ERASE'")
                .params(connectorId).query(UUID.class).list().stream().flatMap(c -> orchestration.steps(c).stream())
                .filter(s -> s.connectorId().equals(connectorId)).toList();
    }

    @Test
    void aConsentWithdrawalAndARetentionPurgeEachEraseInTheLoopbackSystemsThatHoldThePurpose() throws Exception {
        // Issue 20, item 7 (GDPR Arts. 7(3), 17, 5(1)(e)): erasure outside a request reaches real connected systems.
        Connector eventSystem = webhook("events", "/event-erasure");
        hooks.resultBody = "{\"status\":\"DONE\",\"rows\":1}";
        String participantEmail = "deltaker." + UUID.randomUUID() + "@eksempel.example";
        SubjectId participant = SubjectId.random();
        ledger.give(new GiveConsent(participant, "events", Channel.EVENT_SIGNUP, java.util.Locale.ENGLISH, null, null,
                null, null));
        register.register(new NewSubject(participant, Set.of(SubjectKind.EVENT_PARTICIPANT), "events", Source.EVENT_FORM,
                null, PersonalData.contact("Kari Deltaker", participantEmail, null)));
        ledger.withdraw(participant, "events", Channel.PHONE, null);
        // The withdrawal's effects run after the ledger's commit (event publication registry).
        long until = System.currentTimeMillis() + 20_000;
        while (eraseSteps(eventSystem.id()).isEmpty() && System.currentTimeMillis() < until) {
            Thread.sleep(100);
        }
        assertThat(eraseSteps(eventSystem.id())).as("an ERASE step for the webhook system").hasSize(1);
        runner.runDue();
        assertThat(eraseSteps(eventSystem.id())).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(StepState.DONE));
        assertThat(hooks.bodies).anySatisfy(b -> assertThat(b).contains("\"operation\":\"ERASE\"", participantEmail));

        // A retention purge of customer administration reaches the CRM database over JDBC.
        Connector crmConnector = jdbc("customers");
        String customerEmail = "kunde." + UUID.randomUUID() + "@eksempel.example";
        crm.addPerson("Kari Kunde", customerEmail, "+4790000001", "Joggesko", "Lillegata 3, 0155 Oslo");
        SubjectId customer = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-administration", Source.SUBJECT, null, PersonalData.contact("Kari Kunde", customerEmail, null)));
        List<UUID> records = retention.heldFor("customer-administration", null, 10_000).stream()
                .filter(r -> r.subject().equals(customer)).map(RetentionView.HeldRecord::record).toList();
        assertThat(records).isNotEmpty();
        no.vern.shared.Actors.runAs(no.vern.shared.Actor.system("retention-purge"),
                () -> retention.eraseRecords(customer, "customer-administration", records));
        assertThat(eraseSteps(crmConnector.id())).as("an ERASE step for the CRM").hasSize(1);
        runner.runDue();
        assertThat(eraseSteps(crmConnector.id())).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(StepState.DONE));
        assertThat(crm.count("SELECT count(*) FROM customer WHERE email = ?", customerEmail)).isZero();
        assertThat(crm.count("SELECT count(*) FROM customer WHERE email = ?", Canaries.EMAIL)).isOne();
    }

    private long audited(String action, String target) {
        return vern.sql("SELECT count(*) FROM audit_entry WHERE action = ? AND ? = ANY(targets)").params(action, target)
                .query(Long.class).single();
    }

    @Test
    void aPurgeBatchFansOutEachSubjectAndPurposeASystemHoldsUnderItsOwnCaseKeyAndNothingForAPurposeNoSystemHolds() {
        // Issue 28 item 8 (GDPR Arts. 17, 5(1)(e)): one call to the connected systems per purge batch; a purpose that no
        // connected system holds is sent nowhere, so it gets no fan-out, no case key, no step and no audit entry of one.
        Connector crmConnector = jdbc("customers");
        assertThat(orchestration.holding(List.of("customer-administration", "customer-newsletter")))
                .as("no connector of this context serves the customer newsletter").containsExactly("customer-administration");
        List<String> emails = List.of("kunde." + UUID.randomUUID() + "@eksempel.example",
                "kunde." + UUID.randomUUID() + "@eksempel.example");
        crm.addPerson("Kari Kunde", emails.get(0), "+4790000002", "Joggesko", "Lillegata 3, 0155 Oslo");
        crm.addPerson("Per Kunde", emails.get(1), "+4790000003", "Regnjakke", "Lillegata 4, 0155 Oslo");
        List<SubjectId> customers = emails.stream().map(e -> register.register(new NewSubject(null,
                Set.of(SubjectKind.CUSTOMER_CONTACT), "customer-administration", Source.SUBJECT, null,
                PersonalData.contact("Kari Kunde", e, null)))).toList();
        SubjectId reader = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-newsletter", Source.SUBJECT, null,
                PersonalData.contact("Kari Leser", "leser." + UUID.randomUUID() + "@eksempel.example", null)));
        List<RetentionView.PurposeRecords> items = new java.util.ArrayList<>();
        customers.forEach(c -> items.add(new RetentionView.PurposeRecords(c, "customer-administration",
                retention.heldFor("customer-administration", List.of(c)).stream().map(RetentionView.HeldRecord::record).toList())));
        items.add(new RetentionView.PurposeRecords(reader, "customer-newsletter",
                retention.heldFor("customer-newsletter", List.of(reader)).stream().map(RetentionView.HeldRecord::record).toList()));

        int[] erased = no.vern.shared.Actors.runAs(no.vern.shared.Actor.system("retention-purge"),
                () -> retention.eraseRecords(items));

        assertThat(erased).as("every item's records erased").hasSize(3).doesNotContain(0);
        List<UUID> keys = new java.util.ArrayList<>();
        for (SubjectId customer : customers) {
            List<UUID> cases = vern.sql("SELECT case_id FROM connectors_fanout WHERE operation = 'ERASE' AND subject_id = ?")
                    .params(customer.value()).query(UUID.class).list();
            assertThat(cases).as("one fan-out per subject and purpose").hasSize(1);
            UUID caseId = cases.get(0);
            keys.add(vern.sql("SELECT key_subject FROM connectors_case_key WHERE case_id = ?").params(caseId)
                    .query(UUID.class).single());
            // the shared context may hold other test classes' connectors for the same purpose: they join too
            assertThat(orchestration.steps(caseId)).extracting(SystemStep::connectorId).containsOnlyOnce(crmConnector.id());
            assertThat(audited("requests.systems.erase", customer.reference())).isOne();
            assertThat(audited("requests.systems.erase", "fanout:" + caseId)).isOne();
            assertThat(audited("connectors.fanout.start", "case:" + caseId)).isOne();
        }
        assertThat(keys).as("a case key each").doesNotHaveDuplicates();
        assertThat(vern.sql("SELECT count(*) FROM connectors_fanout WHERE subject_id = ?").params(reader.value())
                .query(Long.class).single()).as("no fan-out for the newsletter").isZero();
        assertThat(audited("requests.systems.erase", reader.reference())).isZero();
        assertThat(audited("connectors.fanout.start", reader.reference())).isZero();
        assertThat(audited("register.records.retention-erase", reader.reference())).as("the erasure itself is audited")
                .isOne();

        runner.runDue();
        for (String email : emails) {
            assertThat(crm.count("SELECT count(*) FROM customer WHERE email = ?", email))
                    .as("the identifiers were readable under the case key and the CRM erased the customer").isZero();
        }
    }

    @Test
    void aCaseNeverFannedOutHasNothingCollectedAndNothingIsReadOrAudited() {
        manual("events");
        UUID never = UUID.randomUUID();
        assertThat(orchestration.collected(never, Operation.ACCESS)).isEmpty();
        assertThat(vern.sql("SELECT count(*) FROM audit_entry WHERE action = 'connectors.collected.read' AND 'case:' || ? = ANY(targets)")
                .params(never.toString()).query(Long.class).single()).isZero();

        // Fanned out, nothing collected yet: the read of the case's collected data is audited as before.
        UUID fannedOut = UUID.randomUUID();
        orchestration.start(fanOut(fannedOut, Operation.ACCESS, "events"));
        assertThat(orchestration.collected(fannedOut, Operation.ACCESS)).isEmpty();
        assertThat(vern.sql("SELECT count(*) FROM audit_entry WHERE action = 'connectors.collected.read' AND 'case:' || ? = ANY(targets)")
                .params(fannedOut.toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void fanOutIsIdempotentPerCaseAndOperationAndOnlyReachesSystemsOfThePurposes() {
        Connector events = manual("events");
        Connector elsewhere = manual("partners");
        UUID caseId = UUID.randomUUID();
        List<SystemStep> first = orchestration.start(fanOut(caseId, Operation.ACCESS, "events"));
        List<SystemStep> second = orchestration.start(fanOut(caseId, Operation.ACCESS, "events"));
        assertThat(first).extracting(SystemStep::connectorId).contains(events.id()).doesNotContain(elsewhere.id());
        assertThat(second).extracting(SystemStep::id).isEqualTo(first.stream().map(SystemStep::id).toList());
        assertThat(vern.sql("SELECT count(*) FROM connectors_step WHERE case_id = ?").params(caseId).query(Long.class).single())
                .isEqualTo(first.size());
    }

    @Test
    void restartMidFanOutResumesWithoutRepeatingFinishedSteps() {
        Connector a = webhook("newsletters", "/restart-a");
        Connector b = webhook("newsletters", "/restart-b");
        UUID caseId = UUID.randomUUID();
        orchestration.start(fanOut(caseId, Operation.ACCESS, "newsletter"));
        UUID stepA = step(caseId, a.id()).id();
        // Step A runs to the end: pretend B is not due yet.
        vern.sql("UPDATE connectors_step SET next_attempt_at = next_attempt_at + interval '1 hour' WHERE case_id = ? AND connector_id = ?")
                .params(caseId, b.id()).update();
        runner.runDue();
        assertThat(step(caseId, a.id()).state()).isEqualTo(StepState.DONE);
        // The node claims B and dies before running it ("crash"): B is RUNNING under a lease nobody will finish.
        clock.advance(Duration.ofHours(2));
        assertThat(runner.claimOnly()).contains(step(caseId, b.id()).id());
        assertThat(step(caseId, b.id()).state()).isEqualTo(StepState.RUNNING);
        runner.runDue();
        assertThat(hooks.hits("/restart-b")).as("the lease still holds").isZero();
        assertThat(step(caseId, b.id()).attempts()).isOne();

        // After the lease expires a (restarted) node picks B up; A is not repeated.
        clock.advance(Duration.ofMinutes(6));
        runner.runDue();
        assertThat(step(caseId, b.id()).state()).isEqualTo(StepState.DONE);
        assertThat(step(caseId, a.id()).attempts()).isOne();
        assertThat(step(caseId, a.id()).id()).isEqualTo(stepA);
        assertThat(hooks.hits("/restart-a")).isOne();
        assertThat(hooks.hits("/restart-b")).isOne();
    }

    @Test
    void webhookCallbackIsAcceptedOnlyWhenSignedFreshAndNotReplayed() throws Exception {
        Connector hr = webhook("recruitment", "/async");
        hooks.modes.put("/async", WebhookTestServer.Mode.ACCEPT_LATER);
        UUID caseId = UUID.randomUUID();
        orchestration.start(fanOut(caseId, Operation.ACCESS, "recruitment"));
        runner.runDue();
        SystemStep waiting = step(caseId, hr.id());
        assertThat(waiting.state()).isEqualTo(StepState.RUNNING);
        assertThat(hooks.bodies).anyMatch(b -> b.contains("/connectors/callback/" + waiting.id()) && b.contains(Canaries.EMAIL));

        byte[] body = "{\"status\":\"DONE\",\"rows\":1,\"data\":{\"recruiter-notes\":[\"Sterk kandidat\"]}}".getBytes(StandardCharsets.UTF_8);
        long now = clock.instant().getEpochSecond();
        String path = "/connectors/callback/" + waiting.id();
        // Wrong secret: refused.
        mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body)
                .header(Signatures.TIMESTAMP_HEADER, now)
                .header(Signatures.SIGNATURE_HEADER, Signatures.sign("wrong".getBytes(StandardCharsets.UTF_8), now, body)))
                .andExpect(status().isUnauthorized());
        // Stale timestamp (outside the 5-minute window): refused.
        long stale = now - 360;
        mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body)
                .header(Signatures.TIMESTAMP_HEADER, stale)
                .header(Signatures.SIGNATURE_HEADER, Signatures.sign(SECRET.getBytes(StandardCharsets.UTF_8), stale, body)))
                .andExpect(status().isUnauthorized());
        assertThat(step(caseId, hr.id()).state()).isEqualTo(StepState.RUNNING);
        // Correct: accepted.
        String signature = Signatures.sign(SECRET.getBytes(StandardCharsets.UTF_8), now, body);
        mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body)
                .header(Signatures.TIMESTAMP_HEADER, now).header(Signatures.SIGNATURE_HEADER, signature))
                .andExpect(status().isNoContent());
        assertThat(step(caseId, hr.id()).state()).isEqualTo(StepState.DONE);
        // The same callback again: a replay, refused.
        mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body)
                .header(Signatures.TIMESTAMP_HEADER, now).header(Signatures.SIGNATURE_HEADER, signature))
                .andExpect(status().isUnauthorized());
        assertThat(orchestration.collected(caseId, Operation.ACCESS)).singleElement()
                .satisfies(d -> assertThat(d.valuesByCategory()).containsEntry("recruiter-notes", List.of("Sterk kandidat")));
    }

    @Test
    void unsignedWebhookResultIsRefused() {
        Connector hr = webhook("website", "/unsigned");
        hooks.modes.put("/unsigned", WebhookTestServer.Mode.UNSIGNED_RESULT);
        UUID caseId = UUID.randomUUID();
        orchestration.start(fanOut(caseId, Operation.ACCESS, "website-statistics"));
        runner.runDue();
        SystemStep step = step(caseId, hr.id());
        assertThat(step.state()).isEqualTo(StepState.PENDING);
        assertThat(step.detail()).contains("response refused");
    }

    @Test
    void failingSystemIsRetriedWithBackoffThenFailsAndCanBeRetriedOrWaived() {
        Connector hr = webhook("security", "/broken");
        hooks.modes.put("/broken", WebhookTestServer.Mode.ERROR);
        UUID caseId = UUID.randomUUID();
        orchestration.start(fanOut(caseId, Operation.ACCESS, "security"));
        runner.runDue();
        assertThat(step(caseId, hr.id()).state()).isEqualTo(StepState.PENDING);
        assertThat(step(caseId, hr.id()).detail()).isEqualTo("HTTP 500");
        runner.runDue();
        assertThat(step(caseId, hr.id()).attempts()).as("backoff: not due again at once").isOne();
        for (int attempt = 2; attempt <= 6; attempt++) {
            clock.advance(Duration.ofHours(1));
            runner.runDue();
            assertThat(step(caseId, hr.id()).attempts()).isEqualTo(attempt);
        }
        SystemStep failed = step(caseId, hr.id());
        assertThat(failed.state()).isEqualTo(StepState.FAILED);
        assertThat(failed.attempts()).isEqualTo(6);
        assertThat(hooks.hits("/broken")).isEqualTo(6);

        hooks.modes.remove("/broken");
        assertThat(orchestration.retry(caseId, failed.id()).state()).isEqualTo(StepState.PENDING);
        runner.runDue();
        assertThat(step(caseId, hr.id()).state()).isEqualTo(StepState.DONE);

        UUID other = UUID.randomUUID();
        hooks.modes.put("/broken", WebhookTestServer.Mode.ERROR);
        orchestration.start(fanOut(other, Operation.ACCESS, "security"));
        SystemStep pending = step(other, hr.id());
        assertThatThrownBy(() -> orchestration.waive(other, pending.id(), " ")).isInstanceOf(no.vern.shared.InvalidInput.class);
        SystemStep waived = orchestration.waive(other, pending.id(), "Systemet ble faset ut 2026-10-01; ingen data igjen.");
        assertThat(waived.state()).isEqualTo(StepState.WAIVED);
        assertThat(waived.state().settled()).isTrue();
    }

    @Test
    void discardingCaseDataShredsTheCaseKeySoIdentifiersAndDataAreUnreadable() {
        Connector crmConnector = jdbc("prospects");
        UUID caseId = UUID.randomUUID();
        orchestration.start(fanOut(caseId, Operation.VERIFY_ERASED, "prospect-dialogue"));
        runner.runDue();
        assertThat(orchestration.collected(caseId, Operation.VERIFY_ERASED)).singleElement()
                .satisfies(d -> assertThat(d.valuesByCategory()).containsKey("name"));
        UUID key = vern.sql("SELECT key_subject FROM connectors_case_key WHERE case_id = ?").params(caseId).query(UUID.class).single();

        registry.discardCaseData(caseId);

        assertThat(shredder.isShredded(new SubjectId(key))).isTrue();
        assertThatThrownBy(() -> orchestration.collected(caseId, Operation.VERIFY_ERASED))
                .isInstanceOf(no.vern.crypto.SubjectKeyDestroyed.class);
        registry.discardCaseData(caseId); // idempotent
        assertThat(crmConnector.id()).isNotNull();
    }

    @Test
    void accessOfARegisterSubjectIsStoredUnderTheSubjectsKey() {
        Connector crmConnector = jdbc("events");
        UUID caseId = UUID.randomUUID();
        SubjectId subject = SubjectId.random();
        orchestration.start(new FanOut(caseId, Operation.ACCESS, subject, Set.of(Canaries.EMAIL), Set.of(), Set.of("events")));
        runner.runDue();
        List<UUID> keys = vern.sql("""
                SELECT c.key_subject FROM connectors_collected c JOIN connectors_step s ON s.id = c.step_id
                WHERE s.case_id = ? AND s.connector_id = ?""").params(caseId, crmConnector.id()).query(UUID.class).list();
        assertThat(keys).containsOnly(subject.value());
        // Erasing the person in Vern (crypto-shredding) makes what was collected unreadable too.
        shredder.shred(subject);
        assertThatThrownBy(() -> orchestration.collected(caseId, Operation.ACCESS)).isInstanceOf(no.vern.crypto.SubjectKeyDestroyed.class);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static Instant now() {
        return Instant.now();
    }

    @Test
    void aConnectorWaitingForApprovalGetsNoRequestStepsUntilThePrivacyOfficerApprovesIt() {
        Connector active = jdbc("partners");
        Connector waiting = unapprovedJdbc("partners");
        assertThat(waiting.active()).isFalse();
        UUID before = UUID.randomUUID();
        orchestration.start(fanOut(before, Operation.ACCESS, "partner-management"));
        assertThat(orchestration.steps(before)).as("the approved one in the same scope joins").anyMatch(s -> s.connectorId().equals(active.id()))
                .noneMatch(s -> s.connectorId().equals(waiting.id()));

        Connector approved = registry.approve(waiting.id());
        assertThat(approved.active()).isTrue();
        assertThat(vern.sql("SELECT count(*) FROM audit_entry WHERE action = 'connectors.connector.approve' AND ? = ANY(targets)")
                .params("connector:" + waiting.id()).query(Long.class).single()).isEqualTo(1);
        UUID after = UUID.randomUUID();
        orchestration.start(fanOut(after, Operation.ACCESS, "partner-management"));
        assertThat(orchestration.steps(after)).anyMatch(s -> s.connectorId().equals(waiting.id()));
        assertThatThrownBy(() -> registry.approve(waiting.id())).isInstanceOf(no.vern.shared.Conflict.class);
    }
}
