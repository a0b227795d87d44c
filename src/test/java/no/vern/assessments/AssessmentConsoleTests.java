package no.vern.assessments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The assessment pages: screening from the console, a DPIA written and shown with its PDF link, refused input kept. */
@SpringBootTest
@AutoConfigureMockMvc
class AssessmentConsoleTests {

    static final RequestPostProcessor OFFICER = user("officer").roles("PRIVACY_OFFICER");
    static final RequestPostProcessor AUDITOR = user("auditor").roles("AUDITOR");

    @Autowired
    MockMvc mvc;
    @Autowired
    AssessmentRegister register;

    @Test
    void screeningTwoCriteriaFromTheConsoleShowsTheDpiaAsRequired() throws Exception {
        mvc.perform(post("/console/assessments/screenings/website").with(OFFICER).with(csrf())
                .param("criteria", "LARGE_SCALE", "MATCHING_DATASETS").param("note", "Besøksstatistikk"))
                .andExpect(status().is3xxRedirection());
        assertThat(register.screening("website")).get().extracting(Screening::dpiaRequired).isEqualTo(true);
        String html = mvc.perform(get("/console/assessments").with(AUDITOR).param("lang", "en")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        // The auditor sees what was screened and why, but not the forms.
        assertThat(html).contains("DPIA required", "Not screened", "Processing on a large scale",
                "Matching or combining datasets", "Besøksstatistikk").doesNotContain("Save the screening");
    }

    @Test
    void aDpiaWrittenInTheConsoleIsShownWithItsRisksAndPdf() throws Exception {
        String location = mvc.perform(post("/console/assessments/dpias").with(OFFICER).with(csrf())
                .param("activity", "security").param("title", "Logging av innlogginger")
                .param("description", "Innlogginger logges.").param("necessity", "Nødvendig for å oppdage misbruk.")
                .param("riskDescription", "Logger avslører vaner", "").param("riskLikelihood", "2", "")
                .param("riskSeverity", "2", "").param("riskMeasures", "Kort lagringstid", "")
                .param("measures", "Tilgangsstyring").param("residualRisk", "LOW").param("dpoAdvice", "Greit")
                .param("decision", "PROCEED").param("reviewOn", "2027-12-01"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/console/assessments/dpias/");
        String html = mvc.perform(get(location).with(AUDITOR).param("lang", "nb")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Logging av innlogginger", "Logger avslører vaner", "sannsynlighet 2 × alvorlighet 2 = 4",
                "Middels", "Last ned som PDF");
        mvc.perform(get(location + "/pdf").with(AUDITOR)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"));
    }

    @Test
    void aRefusedDpiaKeepsWhatWasTyped() throws Exception {
        String html = mvc.perform(post("/console/assessments/dpias").with(OFFICER).with(csrf()).param("lang", "en")
                .param("activity", "security").param("title", "Halvferdig vurdering").param("description", "Noe")
                .param("residualRisk", "HIGH").param("decision", "PROCEED"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("value=\"Halvferdig vurdering\"", "name at least one risk",
                "a high residual risk requires prior consultation");
        String nb = mvc.perform(post("/console/assessments/dpias").with(OFFICER).with(csrf()).param("lang", "nb")
                .param("activity", "security").param("title", "Halvferdig vurdering").param("description", "Noe")
                .param("residualRisk", "HIGH").param("decision", "PROCEED").param("reviewOn", "til høsten"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(nb).contains("value=\"Halvferdig vurdering\"", "beskriv minst én risiko (art. 35 nr. 7 bokstav c)",
                "høy restrisiko krever forhåndsdrøfting med Datatilsynet", "må være en dato (ÅÅÅÅ-MM-DD)")
                .doesNotContain("er ikke gyldig", "name at least one risk");
    }
}
