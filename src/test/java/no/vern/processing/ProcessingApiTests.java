package no.vern.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import tools.jackson.databind.json.JsonMapper;

/** The record for other systems: JSON, CSV and PDF export, and optimistic concurrency (S29, GDPR Art. 30(4)). */
@SpringBootTest
@AutoConfigureMockMvc
class ProcessingApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApiTokens tokens;

    @Autowired
    ProcessingRecord record;

    @Autowired
    JsonMapper json;

    String reader;
    String writer;

    @BeforeEach
    void issueTokens() {
        reader = tokens.issue("processing-reader", Set.of(ApiScope.PROCESSING_READ), null).secret();
        writer = tokens.issue("processing-writer", Set.of(ApiScope.PROCESSING_READ, ApiScope.PROCESSING_WRITE), null)
                .secret();
    }

    MockHttpServletRequestBuilder as(String token, MockHttpServletRequestBuilder request) {
        return request.header("Authorization", "Bearer " + token);
    }

    @Test
    void currentRecordIsExportedAsJsonWithItsVersionAsETag() throws Exception {
        int version = record.current().version();
        mvc.perform(as(reader, get("/api/v1/processing/record")))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"" + version + "\""))
                .andExpect(jsonPath("$.version").value(version))
                // GDPR Art. 30(1)(a)-(g) in the machine-readable export.
                .andExpect(jsonPath("$.document.controller.name").value("Fjellvik Rådgivning AS"))
                .andExpect(jsonPath("$.document.dataProtectionOfficer.email").value("personvernombud@fjellvik.example"))
                .andExpect(jsonPath("$.document.activities[0].purposes[0].key").value("customer-administration"))
                .andExpect(jsonPath("$.document.activities[0].purposes[0].legalBasis").value("LEGITIMATE_INTEREST"))
                .andExpect(jsonPath("$.document.activities[0].subjects[0]").value("CUSTOMER_CONTACT"))
                .andExpect(jsonPath("$.document.activities[0].recipients[0].kind").value("CONTROLLER"))
                // One source (issue 26): agreement, country and safeguard live in the vendor register, not here.
                .andExpect(jsonPath("$.document.activities[0].recipients[0].agreementInPlace").doesNotExist())
                .andExpect(jsonPath("$.document.activities[0].recipients[0].country").doesNotExist())
                // Bookkeeping runs from the end of the accounting year, so no "at most 5 years" is declared (issue 21, item 7).
                .andExpect(jsonPath("$.document.activities[0].purposes[0].retention.description.nb")
                        .value(org.hamcrest.Matchers.containsString("fra utgangen av regnskapsåret")))
                .andExpect(jsonPath("$.document.security.technical").isNotEmpty());
    }

    @Test
    void purposesAreListedByTheirStableKeys() throws Exception {
        mvc.perform(as(reader, get("/api/v1/processing/purposes")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(13))
                .andExpect(jsonPath("$[?(@.key == 'talent-pool')].legalBasis").value("CONSENT"))
                .andExpect(jsonPath("$[?(@.key == 'website-consent-proofs')].legalBasis").value("LEGAL_OBLIGATION"));
        mvc.perform(as(reader, get("/api/v1/processing/purposes/recruitment")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.activity").value("recruitment"))
                .andExpect(jsonPath("$.dataCategories").value(org.hamcrest.Matchers.hasItem("cv")));
        mvc.perform(as(reader, get("/api/v1/processing/purposes/profiling")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:not-found"));
    }

    @Test
    void putWithTheCurrentVersionCreatesANewVersionAndAStaleOneIsRefused() throws Exception {
        RecordVersion current = record.current();
        String body = json.writeValueAsString(java.util.Map.of("changeNote", "API edit", "record", current.document()));

        mvc.perform(as(writer, put("/api/v1/processing/record")).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"" + current.version() + "\"").content(body))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"" + (current.version() + 1) + "\""))
                .andExpect(jsonPath("$.changeNote").value("API edit"));

        mvc.perform(as(writer, put("/api/v1/processing/record")).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"" + current.version() + "\"").content(body))
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:stale-version"));

        mvc.perform(as(writer, put("/api/v1/processing/record")).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isPreconditionRequired());

        // Old versions stay readable.
        mvc.perform(as(reader, get("/api/v1/processing/record/versions/" + current.version())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(current.version()));
        mvc.perform(as(reader, get("/api/v1/processing/record/versions")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].version").value(current.version() + 1));
        mvc.perform(as(reader, get("/api/v1/processing/record/diff").param("from", "1")
                .param("to", String.valueOf(current.version() + 1))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.from").value(1));
    }

    @Test
    void invalidRecordIsRefusedWithFieldErrorsAsProblemDetails() throws Exception {
        RecordVersion current = record.current();
        String body = """
                {"changeNote": "Broken", "record": {"controller": {"name": "", "email": "x"},
                 "dataProtectionOfficer": {"name": "DPO", "email": "dpo@example.no"},
                 "dataCategories": [], "activities": [], "security": {"technical": [], "organisational": []}}}
                """;
        mvc.perform(as(writer, put("/api/v1/processing/record")).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"" + current.version() + "\"").content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:validation"))
                .andExpect(jsonPath("$.errors[?(@.field == 'controller.name')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'activities')]").exists());
        assertThat(record.current().version()).isEqualTo(current.version());
    }

    @Test
    void aRecipientWithTheFieldsThatMovedToTheVendorRegisterIsRefusedWithAFieldErrorPointingThere() throws Exception {
        // Issue 26: processors, their agreements and transfers live in the vendor register since V26_20; a client that
        // still sends them in the record must learn so, not get a 200 that drops them.
        RecordVersion current = record.current();
        tools.jackson.databind.node.ObjectNode doc = json.valueToTree(current.document());
        tools.jackson.databind.node.ObjectNode activity = (tools.jackson.databind.node.ObjectNode) doc.withArray("activities").get(0);
        tools.jackson.databind.node.ObjectNode recipient = activity.withArray("recipients").addObject();
        recipient.putObject("name").put("nb", "Skylager AS").put("en", "Skylager AS");
        recipient.put("kind", "AUTHORITY").put("agreementInPlace", true).put("country", "US");
        String body = json.writeValueAsString(java.util.Map.of("changeNote", "Old client", "record", doc));

        mvc.perform(as(writer, put("/api/v1/processing/record")).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"" + current.version() + "\"").content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:validation"))
                .andExpect(jsonPath("$.errors[0].field").value(org.hamcrest.Matchers.endsWith("recipients[" + (activity.withArray("recipients").size() - 1) + "].agreementInPlace")))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("/api/v1/vendors")));
        assertThat(record.current().version()).isEqualTo(current.version());
    }

    @Test
    void anUnknownMemberOfTheRecordIsStillRefusedAsUnknown() throws Exception {
        RecordVersion current = record.current();
        tools.jackson.databind.node.ObjectNode doc = json.valueToTree(current.document());
        doc.put("processorsInPlace", true);
        String body = json.writeValueAsString(java.util.Map.of("changeNote", "Typo", "record", doc));
        mvc.perform(as(writer, put("/api/v1/processing/record")).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"" + current.version() + "\"").content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Unknown field 'processorsInPlace'."));
    }

    @Test
    void readScopeCannotChangeTheRecord() throws Exception {
        mvc.perform(as(reader, put("/api/v1/processing/record")).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"1\"").content("{}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/processing/record")).andExpect(status().isUnauthorized());
    }

    @Test
    void csvExportHasOneRowPerPurposeWithEveryArticle30Field() throws Exception {
        String csv = mvc.perform(as(reader, get("/api/v1/processing/record/export.csv")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("text/csv")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(1 + 13);
        assertThat(lines[0]).contains("controller", "dpo", "purpose_key", "legal_basis", "data_subjects",
                "data_categories", "recipients", "third_country_transfers", "retention", "security_measures");
        assertThat(csv).contains("customer-administration", "LEGITIMATE_INTEREST", "Kundeadministrasjon og fakturering",
                "bank-information", "P5Y");
        String english = mvc.perform(as(reader, get("/api/v1/processing/record/export.csv").param("language", "en")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(english).contains("Customer administration and invoicing");
    }

    @Test
    void theConsolesRecordReportPdfIsInEnglishWhenAskedAndNorwegianByDefault() throws Exception {
        for (String lang : java.util.List.of("nb", "en")) {
            byte[] pdf = mvc.perform(get("/console/processing/report.pdf").param("lang", lang)
                            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                    .user("ombud").roles("PRIVACY_OFFICER")))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
            try (PDDocument document = Loader.loadPDF(pdf)) {
                String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
                boolean en = lang.equals("en");
                assertThat(text).as(lang).contains(en ? "Record of processing activities" : "Protokoll over behandlingsaktiviteter")
                        .doesNotContain(en ? "Protokoll over behandlingsaktiviteter" : "Record of processing activities");
                // The citations and the organisation number are said in the report's language too (issue 23).
                assertThat(text).as(lang).contains(en ? "(GDPR Art. 6(1)(" : "(personvernforordningen art. 6(1)(",
                        en ? "org. no. 999999999" : "org.nr. 999999999")
                        // (the record's own texts may cite "GDPR art."; the basis citation is the template's)
                        .doesNotContain(en ? "(personvernforordningen art. 6" : "(GDPR Art. 6").doesNotContain("(GDPR art. 6");
                for (Activity activity : record.current().document().activities()) {
                    assertThat(text).as(lang).contains(en ? activity.name().en() : activity.name().nb());
                }
            }
        }
    }

    @Test
    void pdfReportOpensAndListsEveryActivity() throws Exception {
        byte[] pdf = mvc.perform(as(reader, get("/api/v1/processing/record/report.pdf")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn().getResponse().getContentAsByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThan(1);
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Protokoll over behandlingsaktiviteter", "Fjellvik Rådgivning AS", "personvern@fjellvik.example");
            for (Activity activity : record.current().document().activities()) {
                assertThat(text.replaceAll("\\s+", " ")).contains(activity.name().nb());
            }
        }
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "processing-record.pdf"), pdf);
    }
}
