package no.vern.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** The published policy is generated from the record (S9, S30). */
@SpringBootTest
@AutoConfigureMockMvc
class ProcessingPolicyPageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ProcessingRecord record;

    String page(String path) throws Exception {
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void norwegianPolicyIsPublicAndNamesTheRecordVersion() throws Exception {
        String html = page("/personvern");
        int version = record.current().version();
        assertThat(html).contains("lang=\"nb\"", "Personvernerklæring for Fjellvik Rådgivning AS",
                "versjon " + version + " av behandlingsprotokollen", "/personvern/rettigheter",
                "Kundeadministrasjon og fakturering", "Informasjonskapsler", "Sikkerhetsbrudd",
                "personvern@fjellvik.example", record.policy(Locale.forLanguageTag("nb")).sha256());
    }

    @Test
    void englishPolicyIsPublicAndLinksThePrivacyCenter() throws Exception {
        String html = page("/privacy");
        assertThat(html).contains("lang=\"en\"", "Privacy policy of Fjellvik Rådgivning AS", "/privacy/rights",
                "Customer administration and invoicing", "Cookies", "Security breaches", "Your rights");
    }
}
