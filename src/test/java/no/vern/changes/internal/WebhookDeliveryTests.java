package no.vern.changes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.changes.ChangeType;
import no.vern.changes.Webhooks;
import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.consent.ConsentReceipt;
import no.vern.consent.GiveConsent;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.register.RestrictionChanged;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.TestClock;
import no.vern.support.Tokens;
import no.vern.support.VernTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 25 item 3, webhooks: a loopback receiver verifies every delivery with the Standard Webhooks algorithm written
 * from the specification; a receiver that fails three times gets every event in order per subject; a secret rotation
 * signs with both secrets while the overlap lasts; dead letters are replayed; no personal data is in any body.
 */
@VernTest
class WebhookDeliveryTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Webhooks webhooks;
    @Autowired
    WebhookDeliverer deliverer;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ConsentLedger ledger;
    @Autowired
    TestClock clock;
    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;

    private final List<UUID> subscriptions = new ArrayList<>();
    private final List<LoopbackReceiver> receivers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        subscriptions.forEach(id -> webhooks.delete(id));
        receivers.forEach(LoopbackReceiver::close);
        clock.reset();
    }

    private LoopbackReceiver receiver() throws Exception {
        LoopbackReceiver r = new LoopbackReceiver();
        receivers.add(r);
        return r;
    }

    private Webhooks.Issued subscribe(LoopbackReceiver r, ChangeType... types) {
        Webhooks.Issued issued = webhooks.create(URI.create(r.url()), EnumSet.copyOf(List.of(types)));
        subscriptions.add(issued.subscription().id());
        return issued;
    }

    private void restrict(SubjectId subject, boolean restricted) {
        new TransactionTemplate(transactions).executeWithoutResult(s -> publisher.publishEvent(new RestrictionChanged(subject, restricted)));
    }

    /** Delivers until the receiver has accepted {@code count} requests, moving the clock past each backoff. */
    private void deliverUntil(LoopbackReceiver r, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (r.accepted().size() < count && System.nanoTime() < deadline) {
            if (deliverer.deliverDue().attempts() == 0) {
                clock.advance(Duration.ofMinutes(1)); // past the first backoffs (30 s doubled, + at most a quarter)
                Thread.sleep(20); // another transaction of the shared context may hold the outbox back a moment
            }
        }
        assertThat(r.accepted()).as("accepted deliveries").hasSizeGreaterThanOrEqualTo(count);
    }

    @Test
    void everyDeliveryVerifiesWithTheStandardWebhooksAlgorithmAndCarriesTheCloudEvent() throws Exception {
        LoopbackReceiver r = receiver();
        Webhooks.Issued issued = subscribe(r, ChangeType.RESTRICTION_SET, ChangeType.RESTRICTION_LIFTED);
        SubjectId subject = SubjectId.random();
        restrict(subject, true);
        restrict(subject, false);

        deliverUntil(r, 2);

        for (LoopbackReceiver.Received got : r.accepted()) {
            assertThat(LoopbackReceiver.verifies(issued.secret(), got, clock.instant())).as(got.signatures()).isTrue();
            JsonNode event = JSON.readTree(got.body());
            assertThat(event.get("specversion").asText()).isEqualTo("1.0");
            assertThat(event.get("id").asText()).isEqualTo(got.id());
            assertThat(event.get("subject").asText()).isEqualTo(subject.toString());
        }
        assertThat(r.accepted()).extracting(g -> JSON.readTree(g.body()).get("type").asText())
                .containsExactly("no.vern.restriction.set", "no.vern.restriction.lifted");
    }

    @Test
    void aReceiverThatFailsThreeTimesThenRecoversGetsEveryEventOnceInOrderPerSubject() throws Exception {
        LoopbackReceiver r = receiver();
        subscribe(r, ChangeType.RESTRICTION_SET, ChangeType.RESTRICTION_LIFTED);
        r.failNext.set(3);
        SubjectId a = SubjectId.random();
        SubjectId b = SubjectId.random();
        List<Boolean> sequence = List.of(true, false, true, false);
        for (boolean restricted : sequence) {
            restrict(a, restricted);
            restrict(b, restricted);
        }

        deliverUntil(r, 8);

        Map<String, List<String>> perSubject = new LinkedHashMap<>();
        Set<String> ids = new java.util.HashSet<>();
        for (LoopbackReceiver.Received got : r.accepted()) {
            JsonNode event = JSON.readTree(got.body());
            assertThat(ids.add(got.id())).as("event delivered once: " + got.id()).isTrue();
            perSubject.computeIfAbsent(event.get("subject").asText(), k -> new ArrayList<>()).add(event.get("type").asText());
        }
        List<String> expected = List.of("no.vern.restriction.set", "no.vern.restriction.lifted", "no.vern.restriction.set",
                "no.vern.restriction.lifted");
        assertThat(perSubject.get(a.toString())).containsExactlyElementsOf(expected);
        assertThat(perSubject.get(b.toString())).containsExactlyElementsOf(expected);
        assertThat(r.all.stream().filter(g -> g.answered() == 503)).hasSize(3);
    }

    @Test
    void duringARotationsOverlapBothSecretsSignAndAfterItOnlyTheNewOne() throws Exception {
        LoopbackReceiver r = receiver();
        Webhooks.Issued first = subscribe(r, ChangeType.RESTRICTION_SET);
        Webhooks.Issued second = webhooks.rotate(first.subscription().id(), Duration.ofHours(24));
        assertThat(second.secret()).isNotEqualTo(first.secret());
        assertThat(second.subscription().secrets()).hasSize(2);

        restrict(SubjectId.random(), true);
        deliverUntil(r, 1);
        LoopbackReceiver.Received during = r.accepted().get(0);
        assertThat(during.signatures().split(" ")).hasSize(2);
        assertThat(LoopbackReceiver.verifies(first.secret(), during, clock.instant())).isTrue();
        assertThat(LoopbackReceiver.verifies(second.secret(), during, clock.instant())).isTrue();

        clock.advance(Duration.ofHours(25));
        restrict(SubjectId.random(), true);
        deliverUntil(r, 2);
        LoopbackReceiver.Received after = r.accepted().get(1);
        assertThat(after.signatures().split(" ")).hasSize(1);
        assertThat(LoopbackReceiver.verifies(first.secret(), after, clock.instant())).isFalse();
        assertThat(LoopbackReceiver.verifies(second.secret(), after, clock.instant())).isTrue();
        assertThat(webhooks.subscription(first.subscription().id()).secrets()).hasSize(1);
    }

    /** Fails every attempt until the subscription has {@code count} dead letters, moving the clock past each backoff. */
    private List<Webhooks.Delivery> failUntilDead(LoopbackReceiver r, UUID subscription, int count) throws Exception {
        r.failNext.set(1_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (webhooks.deliveries(subscription, Webhooks.Status.DEAD, 10).size() < count && System.nanoTime() < deadline) {
            if (deliverer.deliverDue().attempts() == 0) {
                clock.advance(Duration.ofHours(8)); // past the longest backoff
                Thread.sleep(20);
            }
        }
        r.failNext.set(0);
        List<Webhooks.Delivery> dead = webhooks.deliveries(subscription, Webhooks.Status.DEAD, 10);
        assertThat(dead).hasSize(count);
        return dead;
    }

    private String subjectOf(LoopbackReceiver.Received got) {
        return JSON.readTree(got.body()).get("subject").asText();
    }

    @Test
    void aDeadLetterHoldsItsSubjectsLaterEventsBackUntilItIsReplayedAndThenTheyFollowInOrder() throws Exception {
        LoopbackReceiver r = receiver();
        UUID id = subscribe(r, ChangeType.RESTRICTION_SET, ChangeType.RESTRICTION_LIFTED).subscription().id();
        SubjectId subject = SubjectId.random();
        restrict(subject, true);
        restrict(subject, false);

        Webhooks.Delivery dead = failUntilDead(r, id, 1).get(0);
        assertThat(dead.attempts()).isEqualTo(12);
        assertThat(dead.log()).hasSize(12).allSatisfy(a -> {
            assertThat(a.statusCode()).isEqualTo(503);
            assertThat(a.error()).isEqualTo("http-503");
            assertThat(a.latencyMillis()).isNotNegative();
        });
        assertThat(dead.waitingBehind()).as("the subject's later event waits behind the dead letter").isEqualTo(1);
        // Only the first event was ever tried: the second was held back, not sent out of order.
        assertThat(r.all).hasSize(12).extracting(LoopbackReceiver.Received::id).containsOnly(r.all.get(0).id());

        // Another subject is not held up, and the first subject's later event keeps waiting while its letter is dead.
        SubjectId other = SubjectId.random();
        restrict(other, true);
        deliverUntil(r, 1);
        clock.advance(Duration.ofHours(8));
        deliverer.deliverDue();
        assertThat(r.accepted()).extracting(this::subjectOf).containsExactly(other.toString());
        assertThat(webhooks.deliveries(id, Webhooks.Status.PENDING, 10)).singleElement()
                .satisfies(waiting -> assertThat(waiting.attempts()).isZero());

        String writeToken = Tokens.bearer(tokens, ApiScope.WEBHOOKS_WRITE);
        mvc.perform(post("/api/v1/webhooks/deliveries/" + dead.id() + "/replay").header("Authorization", writeToken))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PENDING"));
        mvc.perform(post("/api/v1/webhooks/deliveries/" + dead.id() + "/replay").header("Authorization", writeToken))
                .andExpect(status().isConflict());
        deliverUntil(r, 3);

        List<String> types = r.accepted().stream().filter(got -> subjectOf(got).equals(subject.toString()))
                .map(got -> JSON.readTree(got.body()).get("type").asText()).toList();
        assertThat(types).containsExactly("no.vern.restriction.set", "no.vern.restriction.lifted");
        assertThat(webhooks.deliveries(id, Webhooks.Status.DELIVERED, 10)).hasSize(3);
    }

    @Test
    void aDeadLetterGivenUpIsNeverDeliveredAndTheEventsBehindItGoOn() throws Exception {
        LoopbackReceiver r = receiver();
        UUID id = subscribe(r, ChangeType.RESTRICTION_SET, ChangeType.RESTRICTION_LIFTED).subscription().id();
        SubjectId subject = SubjectId.random();
        restrict(subject, true);
        restrict(subject, false);
        Webhooks.Delivery dead = failUntilDead(r, id, 1).get(0);
        String givenUpId = r.all.get(0).id();
        String page = mvc.perform(get("/console/changes/webhooks/" + id).with(user("officer").roles("PRIVACY_OFFICER"))
                .param("lang", "nb")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("én senere hendelse venter bak denne").contains("Gi opp").contains("Send på nytt");

        String writeToken = Tokens.bearer(tokens, ApiScope.WEBHOOKS_WRITE);
        mvc.perform(post("/api/v1/webhooks/deliveries/" + dead.id() + "/discard").header("Authorization", writeToken))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("DISCARDED"));
        mvc.perform(post("/api/v1/webhooks/deliveries/" + dead.id() + "/discard").header("Authorization", writeToken))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/v1/webhooks/deliveries/" + dead.id() + "/replay").header("Authorization", writeToken))
                .andExpect(status().isConflict());
        deliverUntil(r, 1);
        clock.advance(Duration.ofHours(8));
        deliverer.deliverDue();

        assertThat(r.accepted()).singleElement().satisfies(got -> {
            assertThat(got.id()).isNotEqualTo(givenUpId);
            assertThat(JSON.readTree(got.body()).get("type").asText()).isEqualTo("no.vern.restriction.lifted");
        });
        assertThat(webhooks.deliveries(id, Webhooks.Status.DISCARDED, 10)).extracting(Webhooks.Delivery::id)
                .containsExactly(dead.id());
        assertThat(webhooks.deadLetters(100)).extracting(Webhooks.Delivery::id).doesNotContain(dead.id());
    }

    @Test
    void noDeliveredBodyCarriesPersonalData() throws Exception {
        LoopbackReceiver r = receiver();
        subscribe(r, ChangeType.CONSENT_GIVEN, ChangeType.CONSENT_WITHDRAWN);
        String canary = Canaries.uniqueEmail();
        ConsentReceipt given = ledger.give(new GiveConsent(null, "prospect-dialogue", Channel.WEB_FORM,
                Locale.forLanguageTag("nb"), null, null, null, canary));
        ledger.withdraw(given.subject(), "prospect-dialogue", Channel.API, "ombestemt seg");

        deliverUntil(r, 2);

        String bodies = String.join("\n", r.all.stream().map(LoopbackReceiver.Received::body).toList());
        assertThat(bodies).contains(given.subject().toString()).doesNotContain(canary)
                .doesNotContainIgnoringCase(canary.substring(0, canary.indexOf('@')));
        for (String value : Canaries.ALL) {
            assertThat(bodies).doesNotContain(value);
        }
    }

    @Test
    void theApiShowsTheSecretOnceRefusesAPrivateTargetAndNeedsItsScopes() throws Exception {
        LoopbackReceiver r = receiver();
        String write = Tokens.bearer(tokens, ApiScope.WEBHOOKS_WRITE);
        String read = Tokens.bearer(tokens, ApiScope.WEBHOOKS_READ);
        String created = mvc.perform(post("/api/v1/webhooks/subscriptions").header("Authorization", write)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"url\":\"" + r.url() + "\",\"types\":[\"no.vern.subject.erased\"]}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.secret").value(org.hamcrest.Matchers.startsWith("whsec_")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        JsonNode body = JSON.readTree(created);
        String id = body.get("subscription").get("id").asText();
        subscriptions.add(UUID.fromString(id));
        String secret = body.get("secret").asText();

        String shown = mvc.perform(get("/api/v1/webhooks/subscriptions/" + id).header("Authorization", read))
                .andExpect(status().isOk()).andExpect(jsonPath("$.types[0]").value("no.vern.subject.erased"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(shown).doesNotContain(secret).doesNotContain(secret.substring(6));

        // Private networks are not allowed in this server's settings (loopback is, for the test receivers).
        mvc.perform(post("/api/v1/webhooks/subscriptions").header("Authorization", write).contentType(MediaType.APPLICATION_JSON)
                .content("{\"url\":\"http://10.0.0.7/hook\",\"types\":[\"no.vern.subject.erased\"]}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/webhooks/subscriptions").header("Authorization", write).contentType(MediaType.APPLICATION_JSON)
                .content("{\"url\":\"http://169.254.169.254/latest\",\"types\":[\"no.vern.subject.erased\"]}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/webhooks/subscriptions/" + id + "/test").header("Authorization", write))
                .andExpect(status().isOk()).andExpect(jsonPath("$.delivered").value(true))
                .andExpect(jsonPath("$.statusCode").value(204));
        assertThat(LoopbackReceiver.verifies(secret, r.all.get(0), clock.instant())).isTrue();
        mvc.perform(get("/api/v1/webhooks/subscriptions").header("Authorization", write)).andExpect(status().isForbidden());
    }

    @Test
    void theConsolePageShowsSubscriptionsTheDeliveryLogAndDeadLettersInBothLanguages() throws Exception {
        LoopbackReceiver r = receiver();
        var officer = user("officer").roles("PRIVACY_OFFICER");
        String made = mvc.perform(post("/console/changes/webhooks").with(officer).with(csrf()).param("lang", "en")
                        .param("url", r.url()).param("types", "RESTRICTION_SET"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(made).contains("whsec_").contains("Copy the secret to the receiver now");
        UUID id = webhooks.subscriptions().stream().filter(s -> s.url().toString().equals(r.url())).findFirst()
                .orElseThrow().id();
        subscriptions.add(id);
        restrict(SubjectId.random(), true);
        deliverUntil(r, 1);

        String en = mvc.perform(get("/console/changes/webhooks/" + id).with(officer).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("Delivery log").contains("delivered").contains("204").contains("Processing restricted")
                .doesNotContain("whsec_");
        String nb = mvc.perform(get("/console/changes/webhooks").with(officer).param("lang", "nb"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(nb).contains("Webhooks til andre systemer").contains(r.url()).contains("Døde leveranser");
        String refused = mvc.perform(post("/console/changes/webhooks").with(officer).with(csrf()).param("lang", "en")
                        .param("url", "http://10.0.0.9/x"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("http://10.0.0.9/x").contains("Choose at least one event type");
    }

    /** Issue 23 item 6: the delivery log says the event type in words; the CloudEvents type stays for the integrator. */
    @Test
    void theDeliveryLogNamesTheEventTypeInTheReadersLanguageAndKeepsTheMachineTypeAsCode() throws Exception {
        LoopbackReceiver r = receiver();
        UUID id = subscribe(r, ChangeType.RESTRICTION_SET).subscription().id();
        restrict(SubjectId.random(), true);
        deliverUntil(r, 1);

        for (String[] lang : List.of(new String[] { "nb", "Behandling begrenset" }, new String[] { "en", "Processing restricted" })) {
            String html = mvc.perform(get("/console/changes/webhooks/" + id).with(user("officer").roles("PRIVACY_OFFICER"))
                    .param("lang", lang[0])).andExpect(status().isOk()).andReturn().getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            Element cell = java.util.Objects.requireNonNull(Jsoup.parse(html).selectFirst("table tbody tr td"));
            assertThat(cell.selectFirst("code[translate=no]")).isNotNull().extracting(Element::text)
                    .isEqualTo("no.vern.restriction.set");
            cell.select("code").remove();
            assertThat(cell.text()).as(lang[0]).startsWith(lang[1]).doesNotContain("no.vern");
        }
    }
}
