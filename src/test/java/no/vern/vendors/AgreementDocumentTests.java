package no.vern.vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.shared.VernClock;

/** The signed DPA document (issue 26 item 1): stored through the upload gate, downloaded by the right roles, audited. */
@SpringBootTest
@AutoConfigureMockMvc
class AgreementDocumentTests {

    static final RequestPostProcessor OFFICER = user("officer").roles("PRIVACY_OFFICER");
    static final RequestPostProcessor AUDITOR = user("auditor").roles("AUDITOR");
    static final byte[] PDF = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc mvc;
    @Autowired
    VendorRegister vendors;
    @Autowired
    AgreementDocuments documents;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void removeEveryVendor() {
        no.vern.vendors.internal.SeededVendors.removeAddedVendors(vendors);
    }

    private Agreement agreement() {
        LocalDate today = LocalDate.now(VernClock.ZONE);
        Vendor crm = vendors.create(new VendorInput("Skyhuset CRM AS", VendorRole.PROCESSOR, null, null,
                List.of("customers"), List.of("email"), "ISO 27001", 30, null, today.plusMonths(6)));
        return vendors.addAgreement(crm.id(), "2026-1", today.minusDays(3), null, EnumSet.allOf(DpaClause.class));
    }

    private long audits(String action, Agreement a) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = :a AND :t = ANY(targets)").param("a", action)
                .param("t", "agreement:" + a.id()).query((rs, n) -> rs.getLong(1)).single();
    }

    @Test
    void theSignedDocumentRoundTripsThroughTheUploadGateAndEveryStepIsAudited() throws Exception {
        Agreement a = agreement();
        String path = "/console/vendors/" + a.vendorId() + "/agreements/" + a.id() + "/document";

        mvc.perform(multipart(path).file(new MockMultipartFile("file", "DPA Skyhuset 2026.pdf", "application/pdf", PDF))
                .with(OFFICER).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("flashKey", "vendors.agreement.document.saved"));

        String page = mvc.perform(get("/console/vendors/" + a.vendorId()).with(AUDITOR).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("DPA_Skyhuset_2026.pdf").contains(path);
        MockHttpServletResponse download = mvc.perform(get(path).with(AUDITOR)).andExpect(status().isOk()).andReturn()
                .getResponse();
        assertThat(download.getContentAsByteArray()).isEqualTo(PDF);
        assertThat(download.getContentType()).isEqualTo("application/pdf");
        assertThat(download.getHeader("Content-Disposition")).startsWith("attachment").contains("DPA_Skyhuset_2026.pdf");
        assertThat(download.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(documents.of(a.vendorId()).get(a.id()).sha256()).hasSize(64);
        assertThat(audits("vendors.agreement.document.uploaded", a)).isOne();
        assertThat(audits("vendors.agreement.document.downloaded", a)).isOne();
    }

    @Test
    void aFileTheGateRefusesIsNotStoredAndThePageSaysWhy() throws Exception {
        Agreement a = agreement();
        String path = "/console/vendors/" + a.vendorId() + "/agreements/" + a.id() + "/document";
        byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0,
                0, 0, 1, 8, 6, 0, 0, 0 };

        mvc.perform(multipart(path).file(new MockMultipartFile("file", "avtale.png", "image/png", png))
                .with(OFFICER).with(csrf()))
                .andExpect(flash().attribute("flashKey", "vendors.agreement.document.refused.TYPE_NOT_ALLOWED"));

        assertThat(documents.of(a.vendorId())).isEmpty();
        mvc.perform(get(path).with(OFFICER)).andExpect(status().isNotFound());
        assertThat(audits("vendors.agreement.document.uploaded", a)).isZero();
    }

    @Autowired
    no.vern.identity.ApiTokens tokens;

    @Test
    void theApiStoresTheSignedDocumentThroughTheUploadGateAndDownloadsIt() throws Exception {
        String writer = "Bearer " + tokens.issue("dpa-writer", java.util.Set.of(no.vern.identity.ApiScope.VENDORS_WRITE),
                null).secret();
        String reader = "Bearer " + tokens.issue("dpa-reader", java.util.Set.of(no.vern.identity.ApiScope.VENDORS_READ),
                null).secret();
        Agreement a = agreement();
        String path = "/api/v1/vendors/" + a.vendorId() + "/agreements/" + a.id() + "/document";

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(path)
                .header("Authorization", writer).param("filename", "DPA Skyhuset 2026.pdf")
                .contentType("application/pdf").content(PDF))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.mediaType")
                        .value("application/pdf"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.sha256")
                        .value(org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}")));
        MockHttpServletResponse download = mvc.perform(get(path).header("Authorization", reader))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(download.getContentAsByteArray()).isEqualTo(PDF);
        assertThat(download.getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(audits("vendors.agreement.document.downloaded", a)).isPositive();

        // The gate refuses what it refuses on the console too: a PNG is not a signed agreement.
        byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0,
                0, 0, 1, 8, 6, 0, 0, 0 };
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(path)
                .header("Authorization", writer).contentType("image/png").content(png))
                .andExpect(status().is4xxClientError());
        assertThat(documents.download(a.vendorId(), a.id()).content()).isEqualTo(PDF);
    }
}
