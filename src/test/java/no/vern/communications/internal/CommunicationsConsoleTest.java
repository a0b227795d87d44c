package no.vern.communications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.communications.Campaign;
import no.vern.communications.MailingList;

/** The console: list creation with field errors, audience counts, composer with preview, send, report and chart. */
class CommunicationsConsoleTest extends CommunicationsTestSupport {

    static final RequestPostProcessor MARKETING = user("marked").roles("MARKETING");
    static final RequestPostProcessor AUDITOR = user("revisor").roles("AUDITOR");

    @Autowired
    MockMvc mvc;

    @Test
    void marketingCreatesAListComposesPreviewsAndSendsAndSeesTheReport() throws Exception {
        String email = uniqueEmail();
        reader("Test Leser", email, "nb");
        String created = mvc.perform(post("/console/communications/lists").with(MARKETING).with(csrf())
                .param("name", "Konsollnytt").param("kind", "NEWSLETTER").param("purposeKey", SOFT_OPT_IN)
                .param("kinds", "NEWSLETTER_RECIPIENT", "CUSTOMER_CONTACT")).andExpect(status().isFound())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(created).startsWith("/console/communications/lists/");
        String listPage = page(created, MARKETING);
        assertThat(listPage).contains("Konsollnytt", "Mottakere nå", "id=\"reachable\"", "Ny utsendelse");

        String campaignUrl = mvc.perform(post(created + "/campaigns").with(MARKETING).with(csrf())
                .param("subjectNb", "Konsollnytt nr. 1").param("subjectEn", "Console news 1")
                .param("bodyNb", "Hei {{name}}, her er nytt.").param("bodyEn", "Hi {{name}}, here is news."))
                .andExpect(status().isFound()).andReturn().getResponse().getRedirectedUrl();
        String preview = page(campaignUrl, MARKETING);
        assertThat(preview).contains("Hei Kari Nordmann, her er nytt.", "Hi Kari Nordmann, here is news.", "data-confirm")
                .doesNotContain("<script>", "style=\"");

        mvc.perform(post(campaignUrl + "/send").with(MARKETING).with(csrf())).andExpect(status().isFound());
        sender.sendDue();

        assertThat(mailTo(email)).anySatisfy(m -> assertThat(m.getSubject()).isEqualTo("Konsollnytt nr. 1"));
        String report = page(campaignUrl, AUDITOR);
        assertThat(report).contains("Rapport", "Ferdig").doesNotContain("data-confirm", email);
        String overview = page("/console/communications", AUDITOR);
        assertThat(overview).contains("Konsollnytt", "<svg", "<rect").doesNotContain("Ny liste", "<script>");
    }

    @Test
    void aListWithoutNameOrKindsIsShownAgainWithFieldMessages() throws Exception {
        String page = mvc.perform(post("/console/communications/lists").with(MARKETING).with(csrf()).param("name", "")
                .param("kind", "NEWSLETTER").param("purposeKey", "newsletter")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Skriv et navn", "Velg minst én gruppe");
    }

    @Test
    void aCampaignIsSentOnlyOnce() throws Exception {
        MailingList list = newsletter();
        Campaign c = queued(list);
        mvc.perform(post("/console/communications/campaigns/" + c.id() + "/send").with(MARKETING).with(csrf()))
                .andExpect(status().isConflict());
        mvc.perform(post("/console/communications/campaigns/" + c.id() + "/send").with(AUDITOR).with(csrf()))
                .andExpect(status().isForbidden());
    }

    private String page(String url, RequestPostProcessor who) throws Exception {
        return mvc.perform(get(url).with(who)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
