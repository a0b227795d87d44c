package no.vern.website;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.retention.RetentionPolicies;
import no.vern.retention.RetentionRule;
import no.vern.support.VernTest;

/** The website pages of the console: dashboard with charts and consent rates, CSV export, sites. */
@VernTest
class WebsiteConsoleTests {

    static final RequestPostProcessor MARKETING = user("marketing").roles("MARKETING");
    static final RequestPostProcessor OFFICER = user("officer").roles("PRIVACY_OFFICER");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RetentionPolicies policies;

    @Test
    void dashboardShowsViewsVisitorsTimeAndConsentRatesWithAnSvgChart() throws Exception {
        for (String group : new String[] { "day", "week" }) {
            String html = mvc.perform(get("/console/website").param("group", group).param("days", "30").with(MARKETING))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            assertThat(html).contains("<svg", "id=\"total-views\"", "id=\"total-visitors\"", "id=\"avg-time\"",
                    "id=\"top-pages\"", "id=\"referrers\"", "id=\"consent-rates\"")
                    .doesNotContain("style=");
        }
    }

    @Test
    void dashboardSaysWhenConsentProofsAreDeletedFromTheRuleThePurgeApplies() throws Exception {
        // The rule the nightly proof purge applies (ConsentProofPurge), kept by the retention module.
        RetentionRule rule = policies.current("website-consent-proofs", "consent-choice").orElseThrow();
        String nb = mvc.perform(get("/console/website").with(MARKETING)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(nb).contains("Samtykkebevis slettes " + rule.amount() + " "
                + java.util.Map.of("DAYS", "dager", "MONTHS", "måneder", "YEARS", "år").get(rule.unit().name())
                + " etter valget, hver natt (oppbevaringsregel " + rule.id() + ", versjon " + rule.version() + ").");
        String en = mvc.perform(get("/console/website").param("lang", "en").with(MARKETING)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("Consent proofs are deleted " + rule.amount() + " " + rule.unit().name().toLowerCase(
                java.util.Locale.ROOT) + " after the choice, every night (retention rule " + rule.id() + ", version "
                + rule.version() + ").")
                // What a proof keeps of the browser, as ConsentProofs stores it.
                .contains("the browser family with its major version");
    }

    @Test
    void consentLogIsExportableAsCsv() throws Exception {
        String csv = mvc.perform(get("/console/website/consents.csv").with(MARKETING)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("consent_id,site,decision,purposes,gpc,notice_version");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'website.consent.export'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void privacyOfficerRegistersASiteAndBadOriginsAreRefused() throws Exception {
        mvc.perform(post("/console/website/sites").param("name", "Nordlys Tromsø")
                .param("origin", "https://tromso.nordlys.example/").with(OFFICER).with(csrf()))
                .andExpect(redirectedUrl("/console/website/sites"));
        assertThat(jdbc.sql("SELECT count(*) FROM website_site WHERE origin = 'https://tromso.nordlys.example'")
                .query(Long.class).single()).isOne();
        String html = mvc.perform(post("/console/website/sites").param("name", "Bad").param("origin", "ftp://x")
                .with(OFFICER).with(csrf())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("role=\"alert\"", "Ugyldig: Opphavet (origin) må være et http(s)-opphav (origin)")
                .doesNotContain("must be an http(s) origin");
        String en = mvc.perform(post("/console/website/sites").param("name", "").param("origin", "https://tom.nordlys.example")
                .param("lang", "en").with(OFFICER).with(csrf())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("Invalid: The name is required").doesNotContain("må fylles ut");
        mvc.perform(post("/console/website/sites").param("name", "x").param("origin", "https://x.example")
                .with(MARKETING).with(csrf())).andExpect(status().isForbidden());
    }
}
