package no.vern.website.internal;

import static no.vern.website.internal.WebsiteRequests.consent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import no.vern.processing.ProcessingRecord;
import no.vern.support.VernTest;

/**
 * The banner's configuration and consent proofs (ekomloven § 3-15; GDPR Art. 7(1): the controller
 * must be able to demonstrate consent; Art. 7(3): withdrawing is as easy as giving).
 */
@VernTest
class BannerConsentTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessingRecord record;
    @Autowired
    Sites sites;

    int version() {
        return record.current().version();
    }

    String choice(String consentId, String decision, String purposes) {
        return "{\"consentId\":" + (consentId == null ? "null" : "\"" + consentId + "\"") + ",\"decision\":\"" + decision
                + "\",\"purposes\":[" + purposes + "],\"gpc\":false,\"version\":" + version() + ",\"lang\":\"nb\"}";
    }

    @Test
    void bannerTextsAndPurposesComeFromTheRecordOfProcessing() throws Exception {
        var statistics = record.purpose("website-statistics").orElseThrow();
        mvc.perform(get("/site/banner-config")).andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(version()))
                .andExpect(jsonPath("$.gpc").value(false))
                .andExpect(jsonPath("$.purposes[0].key").value("necessary"))
                .andExpect(jsonPath("$.purposes[0].required").value(true))
                .andExpect(jsonPath("$.purposes[1].key").value("preferences"))
                .andExpect(jsonPath("$.purposes[1].required").value(false))
                .andExpect(jsonPath("$.purposes[2].name.nb").value(statistics.name().nb()))
                .andExpect(jsonPath("$.purposes[2].description.en").value(statistics.description().en()))
                .andExpect(jsonPath("$.texts.nb.rejectAll").value("Avvis alle"))
                .andExpect(jsonPath("$.texts.en.rejectAll").value("Reject all"))
                // Issue 21: who asks is the company profile's controller, in the text shown (and so in its hash).
                .andExpect(jsonPath("$.controller.name").value(record.current().document().companyProfile().legalName()))
                .andExpect(jsonPath("$.controller.email")
                        .value(record.current().document().companyProfile().privacyMailbox()))
                .andExpect(jsonPath("$.texts.nb.intro").value(org.hamcrest.Matchers.startsWith(
                        "Vi i " + record.current().document().companyProfile().legalName() + " lagrer")))
                .andExpect(jsonPath("$.texts.en.intro").value(org.hamcrest.Matchers.startsWith(
                        "We at " + record.current().document().companyProfile().legalName() + " only store")))
                .andExpect(jsonPath("$.noticeSha256.nb").value(org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}")));
    }

    @Test
    void everyChoiceIsLoggedAsAProofWithoutTheIpAddress() throws Exception {
        String body = mvc.perform(consent("203.0.113.5", choice(null, "CUSTOM", "\"statistics\"")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String consentId = JsonPath.read(body, "$.consentId");
        assertThat((String) JsonPath.read(body, "$.cookie")).isEqualTo(consentId + "." + version() + ".s");

        var row = jdbc.sql("SELECT decision, purposes::text AS purposes, gpc, notice_version, language, user_agent "
                + "FROM website_consent WHERE consent_id = :id").param("id", UUID.fromString(consentId)).query()
                .singleRow();
        assertThat(row.get("decision")).isEqualTo("CUSTOM");
        assertThat(row.get("purposes")).isEqualTo("{statistics}");
        assertThat(row.get("gpc")).isEqualTo(false);
        assertThat(row.get("notice_version")).isEqualTo(version());
        // What the console says is kept: the browser family and major version, not the User-Agent.
        assertThat(row.get("user_agent")).isEqualTo("Firefox 133");
    }

    @Test
    void aVisitorSeesAndChangesTheirChoiceUnderTheSameConsentId() throws Exception {
        String body = mvc.perform(consent("203.0.113.6", choice(null, "ACCEPT_ALL", "\"preferences\",\"statistics\"")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String consentId = JsonPath.read(body, "$.consentId");
        // GDPR Art. 7(3): withdrawal in one click, logged as a new proof.
        mvc.perform(consent("203.0.113.6", choice(consentId, "REJECT_ALL", ""))).andExpect(status().isOk())
                .andExpect(jsonPath("$.consentId").value(consentId))
                .andExpect(jsonPath("$.cookie").value(consentId + "." + version() + ".-"));

        mvc.perform(get("/site/consent/" + consentId)).andExpect(status().isOk())
                .andExpect(jsonPath("$.current.decision").value("REJECT_ALL"))
                .andExpect(jsonPath("$.history.length()").value(2))
                .andExpect(jsonPath("$.history[0].decision").value("ACCEPT_ALL"))
                .andExpect(jsonPath("$.history[0].purposes[1]").value("statistics"));
        mvc.perform(get("/site/consent/" + UUID.randomUUID())).andExpect(status().isNotFound());
    }

    @Test
    void consentProofsCannotBeChangedOrDeletedByTheApplication() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("DELETE FROM website_consent").update())
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> jdbc.sql("UPDATE website_consent SET decision = 'ACCEPT_ALL'").update())
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
    }

    @Test
    void globalPrivacyControlIsRecordedAndAnnouncedToTheBanner() throws Exception {
        mvc.perform(get("/site/banner-config").header("Sec-GPC", "1")).andExpect(jsonPath("$.gpc").value(true));
        String body = mvc.perform(consent("203.0.113.7", choice(null, "REJECT_ALL", "")).header("Sec-GPC", "1"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.gpc").value(true)).andReturn().getResponse()
                .getContentAsString();
        String consentId = JsonPath.read(body, "$.consentId");
        assertThat((String) JsonPath.read(body, "$.cookie")).endsWith(".g");
        assertThat(jdbc.sql("SELECT gpc FROM website_consent WHERE consent_id = :id")
                .param("id", UUID.fromString(consentId)).query(Boolean.class).single()).isTrue();
        mvc.perform(get("/.well-known/gpc.json")).andExpect(status().isOk()).andExpect(jsonPath("$.gpc").value(true));
    }

    @Test
    void globalPrivacyControlRefusesOptionalPurposesEvenWhenTheBodyAsksForThem() throws Exception {
        String body = mvc.perform(consent("203.0.113.11", choice(null, "ACCEPT_ALL", "\"preferences\",\"statistics\"")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String consentId = JsonPath.read(body, "$.consentId");
        // The same visitor later sends Sec-GPC: 1: an accept is refused, the refusal is recorded with reason GPC.
        mvc.perform(consent("203.0.113.11", choice(consentId, "ACCEPT_ALL", "\"preferences\",\"statistics\""))
                .header("Sec-GPC", "1")).andExpect(status().isBadRequest());
        mvc.perform(consent("203.0.113.11", choice(consentId, "REJECT_ALL", "").replace("}", ",\"reason\":\"GPC\"}"))
                .header("Sec-GPC", "1")).andExpect(status().isOk()).andExpect(jsonPath("$.reason").value("GPC"))
                .andExpect(jsonPath("$.cookie").value(consentId + "." + version() + ".g"));
        mvc.perform(get("/site/consent/" + consentId)).andExpect(jsonPath("$.history.length()").value(2))
                .andExpect(jsonPath("$.current.reason").value("GPC"))
                .andExpect(jsonPath("$.current.gpc").value(true));
        assertThat(jdbc.sql("SELECT reason FROM website_consent WHERE consent_id = :id AND gpc")
                .param("id", UUID.fromString(consentId)).query(String.class).single()).isEqualTo("GPC");
        // Reason GPC needs the signal.
        mvc.perform(consent("203.0.113.11", choice(null, "REJECT_ALL", "").replace("}", ",\"reason\":\"GPC\"}")))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aChoiceMadeOnAnOutdatedBannerIsAskedAgain() throws Exception {
        String stale = choice(null, "ACCEPT_ALL", "\"preferences\",\"statistics\"")
                .replace("\"version\":" + version(), "\"version\":" + (version() + 7));
        mvc.perform(consent("203.0.113.8", stale)).andExpect(status().isConflict());
    }

    @Test
    void inconsistentOrUnknownChoicesAreRefused() throws Exception {
        for (String bad : List.of(choice(null, "ACCEPT_ALL", "\"statistics\""), choice(null, "REJECT_ALL", "\"statistics\""),
                choice(null, "CUSTOM", "\"marketing\""), choice(null, "CUSTOM", "\"statistics\",\"statistics\""),
                choice(null, "MAYBE", ""), choice("not-a-uuid", "REJECT_ALL", ""), "{\"decision\":\"REJECT_ALL\",\"x\":1}",
                "{}", "")) {
            mvc.perform(consent("203.0.113.9", bad)).andExpect(status().isBadRequest());
        }
        mvc.perform(consent("203.0.113.9", choice(null, "REJECT_ALL", ""), "https://unknown.example"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void corsIsAnsweredForRegisteredSitesOnly() throws Exception {
        if (sites.all().stream().noneMatch(s -> s.origin().equals("https://www.nordlys.example"))) {
            sites.register("Nordlys", "https://www.nordlys.example", false);
        }
        mvc.perform(options("/site/consent").header("Origin", "https://www.nordlys.example")
                .header("Access-Control-Request-Method", "POST")).andExpect(status().isNoContent())
                .andExpect(header().string("Access-Control-Allow-Origin", "https://www.nordlys.example"))
                .andExpect(header().string("Vary", containsString("Origin")));
        mvc.perform(get("/site/banner-config").header("Origin", "https://www.nordlys.example"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "https://www.nordlys.example"));
        mvc.perform(options("/site/consent").header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")).andExpect(status().isForbidden())
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
        mvc.perform(get("/site/banner-config").header("Origin", "https://evil.example"))
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
        // A registered site's visitors can record a choice cross-origin.
        mvc.perform(consent("203.0.113.10", choice(null, "REJECT_ALL", ""), "https://www.nordlys.example"))
                .andExpect(status().isOk())
                .andExpect(header().string("Access-Control-Allow-Origin", "https://www.nordlys.example"));
    }

    @Test
    void theBannerScriptIsSmallAndServedPublicly() throws Exception {
        byte[] script = mvc.perform(get("/site/vern.js")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray();
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(script);
        }
        // The goal is a few kilobytes gzipped (Klaro is 57 kB).
        assertThat(gz.size()).isLessThan(6 * 1024);
        mvc.perform(get("/site/vern.css")).andExpect(status().isOk());
        mvc.perform(get("/demo-site/")).andExpect(status().isOk());
        mvc.perform(get("/demo-site/index.html")).andExpect(status().isOk())
                .andExpect(header().doesNotExist("Set-Cookie"));
    }
}
