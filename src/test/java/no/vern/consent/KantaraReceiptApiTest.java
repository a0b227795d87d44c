package no.vern.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.support.Tokens;
import no.vern.support.VernTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 25 item 6: a consent receipt is also served in the Kantara Consent Receipt v1.1.0 shape, valid against the
 * specification's fields (a JSON schema in test resources) and saying what the ledger and the record hold.
 */
@VernTest
class KantaraReceiptApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    ProcessingRecord record;
    @Autowired
    ConsentLedger ledger;

    String read;
    String write;

    @BeforeEach
    void tokens() {
        read = Tokens.bearer(tokens, ApiScope.CONSENT_READ);
        write = Tokens.bearer(tokens, ApiScope.CONSENT_WRITE);
    }

    @Test
    void theKantaraReceiptIsValidAgainstTheSpecificationAndSaysWhatTheLedgerHolds() throws Exception {
        JsonNode given = JSON.readTree(mvc.perform(post("/api/v1/consents").header("Authorization", write)
                .contentType(MediaType.APPLICATION_JSON).content("{\"purpose\":\"prospect-dialogue\",\"language\":\"en\","
                        + "\"channel\":\"WEB_FORM\",\"expiresAt\":\"2031-01-15T10:00:00Z\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        String receiptId = given.get("receiptId").asText();

        JsonNode kantara = fetch("/api/v1/consents/" + receiptId + "/kantara");

        assertThat(errors(kantara)).as("valid against the Kantara v1.1.0 fields").isEmpty();
        ConsentReceiptDocument receipt = ledger.receipt(UUID.fromString(receiptId));
        ProcessingRecordDocument shown = record.current().document();
        assertThat(kantara.get("version").asText()).isEqualTo("KI-CR-v1.1.0");
        assertThat(kantara.get("consentReceiptID").asText()).isEqualTo(receiptId);
        assertThat(kantara.get("consentTimestamp").asLong()).isEqualTo(receipt.timestamp().getEpochSecond());
        assertThat(kantara.get("piiPrincipalId").asText()).isEqualTo(given.get("subjectId").asText());
        assertThat(kantara.get("language").asText()).isEqualTo("en");
        assertThat(kantara.get("collectionMethod").asText()).isEqualTo("Web form");
        JsonNode controller = kantara.get("piiControllers").get(0);
        assertThat(controller.get("piiController").asText()).isEqualTo(shown.controller().name());
        assertThat(controller.get("email").asText()).isEqualTo(shown.controller().email());
        assertThat(controller.get("contact").asText()).isEqualTo(shown.dataProtectionOfficer().name());
        JsonNode purpose = kantara.get("services").get(0).get("purposes").get(0);
        assertThat(kantara.get("services").get(0).get("service").asText())
                .isEqualTo(shown.activityOf("prospect-dialogue").orElseThrow().name().in(Locale.ENGLISH));
        assertThat(purpose.get("purpose").asText()).isEqualTo(receipt.purposes().get(0).name());
        assertThat(purpose.get("purposeCategory").get(0).asText()).isEqualTo("prospect-dialogue");
        assertThat(names(purpose.get("piiCategory"))).isEqualTo(receipt.purposes().get(0).dataCategories().stream()
                .map(ConsentReceiptDocument.DataCategoryEntry::name).toList()).isNotEmpty();
        assertThat(purpose.get("termination").asText()).contains(receipt.withdrawal().url()).contains("January 15, 2031");
        // The seed's prospect dialogue goes only to a processor: no disclosure to a third party (Art. 4(10)).
        assertThat(purpose.get("thirdPartyDisclosure").asBoolean()).isFalse();
        assertThat(purpose.has("thirdPartyName")).isFalse();
        assertThat(kantara.get("sensitive").asBoolean()).isFalse();
    }

    @Test
    void aReceiptWithoutTheFieldsTheSpecificationRequiresFailsTheSchema() throws Exception {
        // The schema is not a rubber stamp: the same receipt without its controller's phone, or claiming a
        // disclosure without naming the third party, is refused.
        String receiptId = JSON.readTree(mvc.perform(post("/api/v1/consents").header("Authorization", write)
                .contentType(MediaType.APPLICATION_JSON).content("{\"purpose\":\"prospect-dialogue\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .get("receiptId").asText();
        JsonNode kantara = fetch("/api/v1/consents/" + receiptId + "/kantara");
        assertThat(errors(kantara)).isEmpty();

        var noPhone = (tools.jackson.databind.node.ObjectNode) kantara.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) noPhone.get("piiControllers").get(0)).remove("phone");
        assertThat(errors(noPhone)).isNotEmpty();
        var unnamed = (tools.jackson.databind.node.ObjectNode) kantara.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) unnamed.get("services").get(0).get("purposes").get(0))
                .put("thirdPartyDisclosure", true);
        assertThat(errors(unnamed)).isNotEmpty();
    }

    @Test
    void theKantaraReceiptNeedsTheReadScope() throws Exception {
        mvc.perform(get("/api/v1/consents/" + UUID.randomUUID() + "/kantara").header("Authorization", write))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/consents/" + UUID.randomUUID() + "/kantara").header("Authorization", read))
                .andExpect(status().isNotFound());
    }

    private JsonNode fetch(String path) throws Exception {
        return JSON.readTree(mvc.perform(get(path)
                .header("Authorization", read)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    private static List<String> names(JsonNode array) {
        return array.valueStream().map(JsonNode::asText).toList();
    }

    private static List<Error> errors(JsonNode receipt) throws Exception {
        try (InputStream in = KantaraReceiptApiTest.class.getResourceAsStream("kantara-consent-receipt-v1.1.0.schema.json")) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in, InputFormat.JSON);
            return schema.validate(receipt);
        }
    }
}
