package no.vern.consent;

import static no.vern.consent.ConsentTestSupport.NB;
import static no.vern.consent.ConsentTestSupport.registerProspect;
import static no.vern.consent.ConsentTestSupport.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import no.vern.VernApplication;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.register.ConsentGate;
import no.vern.register.SubjectRegister;
import no.vern.shared.DatabaseEndpoint;
import no.vern.shared.SubjectId;
import no.vern.support.Tokens;
import no.vern.support.VernTest;

/**
 * Two Vern nodes on one database: a withdrawal made on one is honoured by the gate and by the HTTP
 * consent check ({@code /api/v1/consents/check}) of the other at once, because both read the
 * projection by primary key and keep no cache (GDPR Art. 7(3)).
 */
@VernTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentSecondInstanceTest {

    @Autowired
    ConsentLedger ledgerA;
    @Autowired
    ConsentGate gateA;
    @Autowired
    SubjectRegister registerA;
    @Autowired
    MockMvc mvcA;
    @Autowired
    ApiTokens tokens;
    @Autowired
    DatabaseEndpoint database;
    @Value("${vern.data-dir}")
    String dataDir;

    ConfigurableApplicationContext nodeB;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startSecondNode() {
        nodeB = new SpringApplicationBuilder(VernApplication.class).run("--vern.db.url=" + database.url(),
                "--vern.db.user=" + database.user(), "--vern.db.password=" + database.password(), "--server.port=0",
                "--vern.keys.generate-missing=true", "--vern.keys.directory=" + dataDir + "/keys",
                "--vern.demo.mode=false");
    }

    @AfterAll
    void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void aSecondInstanceOnTheSameDatabaseSeesAWithdrawalAtOnce() {
        ConsentGate gateB = nodeB.getBean(ConsentGate.class);
        ConsentLedger ledgerB = nodeB.getBean(ConsentLedger.class);

        ConsentReceipt receipt = ledgerA.give(GiveConsent.of(null, "prospect-dialogue", Channel.WEB_FORM, NB));
        SubjectId subject = receipt.subject();
        assertThat(gateB.permits(subject, "prospect-dialogue")).isTrue();

        ledgerA.withdraw(subject, "prospect-dialogue", Channel.EMAIL_TO_PRIVACY_MAILBOX, null);
        assertThat(gateB.permits(subject, "prospect-dialogue")).isFalse();

        // And the other way round: a consent given on B opens A's gate, a withdrawal on B closes it.
        ledgerB.give(GiveConsent.of(subject, "prospect-dialogue", Channel.PHONE, NB));
        assertThat(gateA.permits(subject, "prospect-dialogue")).isTrue();
        ledgerB.withdraw(subject, "prospect-dialogue", Channel.PHONE, null);
        assertThat(gateA.permits(subject, "prospect-dialogue")).isFalse();
    }

    @Test
    void theHttpConsentCheckOfTheSecondInstanceAnswersNoRightAfterAWithdrawalOnTheFirst() throws Exception {
        String bearer = Tokens.bearer(tokens, ApiScope.CONSENT_READ, ApiScope.CONSENT_WRITE);
        ConsentReceipt receipt = ledgerA.give(GiveConsent.of(null, "prospect-dialogue", Channel.WEB_FORM, NB));
        String email = uniqueEmail();
        registerProspect(registerA, receipt.subject(), email);
        assertThat(checkOnB(bearer, email)).contains("\"allowed\":true");

        // Withdrawn on A (no waiting, no retry): B's very next HTTP answer is no.
        ledgerA.withdraw(receipt.subject(), "prospect-dialogue", Channel.EMAIL_TO_PRIVACY_MAILBOX, null);
        assertThat(checkOnB(bearer, email)).contains("\"allowed\":false");

        // The other way round (another person, so no erasure of the first is in flight): withdrawn through
        // B's HTTP API, A's check answers no at once.
        ConsentReceipt again = ledgerA.give(GiveConsent.of(null, "prospect-dialogue", Channel.PHONE, NB));
        String other = uniqueEmail();
        registerProspect(registerA, again.subject(), other);
        mvcA.perform(post("/api/v1/consents/check").contentType(MediaType.APPLICATION_JSON)
                .content(checkBody(other)).header("Authorization", bearer)).andExpect(jsonPath("$.allowed").value(true));
        HttpResponse<String> withdrawn = http.send(HttpRequest.newBuilder(URI.create(baseB() + "/api/v1/consents/"
                + again.receiptId() + "/withdraw")).header("Authorization", bearer)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withdrawn.statusCode()).isEqualTo(200);
        mvcA.perform(post("/api/v1/consents/check").contentType(MediaType.APPLICATION_JSON)
                .content(checkBody(other)).header("Authorization", bearer)).andExpect(jsonPath("$.allowed").value(false));
    }

    private String baseB() {
        return "http://localhost:" + nodeB.getEnvironment().getProperty("local.server.port");
    }

    private String checkOnB(String bearer, String email) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseB() + "/api/v1/consents/check"))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(checkBody(email))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().replace(" ", "");
    }

    private static String checkBody(String email) {
        return "{\"purpose\":\"prospect-dialogue\",\"email\":\"" + email + "\"}";
    }
}
