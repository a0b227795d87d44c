package no.vern.website.internal;

import static no.vern.website.internal.WebsiteRequests.beacon;
import static no.vern.website.internal.WebsiteRequests.leave;
import static no.vern.website.internal.WebsiteRequests.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import no.vern.support.VernTest;

/** The cookieless statistics beacon (S16, S17): strict input, no IP address kept, bots left out. */
@VernTest
class BeaconTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    Map<String, Object> row(String viewId) {
        return jdbc.sql("SELECT path, referrer_domain, duration_ms, length(visitor_hash) AS hash_length "
                + "FROM website_pageview WHERE view_id = :id").param("id", viewId).query().singleRow();
    }

    @Test
    void beaconCountsAViewAndItsTimeOnPage() throws Exception {
        String id = id();
        mvc.perform(beacon("198.51.100.10", view(id, "/demo-site/services.html", "https://www.google.com/search?q=x")))
                .andExpect(status().isNoContent());
        mvc.perform(beacon("198.51.100.10", leave(id, "/demo-site/services.html", 4200)))
                .andExpect(status().isNoContent());

        Map<String, Object> row = row(id);
        assertThat(row.get("path")).isEqualTo("/demo-site/services.html");
        // Only the referrer's domain is kept: search terms in its query never reach the database.
        assertThat(row.get("referrer_domain")).isEqualTo("google.com");
        assertThat(row.get("duration_ms")).isEqualTo(4200);
        assertThat(row.get("hash_length")).isEqualTo(16);
    }

    @Test
    void queryStringOfThePageIsNeverStored() throws Exception {
        String id = id();
        mvc.perform(beacon("198.51.100.11", view(id, "/demo-site/contact.html?email=kari%40example.no", "")))
                .andExpect(status().isNoContent());
        assertThat(row(id).get("path")).isEqualTo("/demo-site/contact.html");
    }

    @Test
    void navigationInsideTheSiteIsNotAReferral() throws Exception {
        String id = id();
        mvc.perform(beacon("198.51.100.12", view(id, "/demo-site/about.html", "http://localhost/demo-site/")))
                .andExpect(status().isNoContent());
        assertThat(row(id).get("referrer_domain")).isNull();
    }

    @Test
    void oversizeBeaconIsRefusedWithoutBeingRead() throws Exception {
        String big = "{\"k\":\"view\",\"id\":\"abcdefgh12\",\"u\":\"http://localhost/" + "a".repeat(3000) + "\"}";
        mvc.perform(beacon("198.51.100.13", big)).andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("payload-too-large")));
    }

    @Test
    void malformedBeaconsAreRefusedWith400() throws Exception {
        String id = id();
        for (String bad : new String[] { "", "not json", "[]", "{\"k\":\"view\"", "null",
                "{\"k\":\"view\",\"id\":\"" + id + "\",\"u\":\"http://localhost/\",\"extra\":1}",
                "{\"k\":\"view\",\"id\":\"" + id + "\",\"u\":\"http://localhost/\",\"k\":\"leave\"}",
                "{\"k\":\"jump\",\"id\":\"" + id + "\",\"u\":\"http://localhost/\"}",
                "{\"k\":\"view\",\"id\":\"<script>\",\"u\":\"http://localhost/\"}",
                "{\"k\":\"view\",\"id\":\"" + id + "\",\"u\":\"javascript:alert(1)\"}",
                "{\"k\":\"view\",\"id\":\"" + id + "\",\"u\":\"http://localhost/" + "p".repeat(600) + "\"}",
                "{\"k\":\"leave\",\"id\":\"" + id + "\",\"u\":\"http://localhost/\",\"d\":-5}",
                "{\"k\":\"leave\",\"id\":\"" + id + "\",\"u\":\"http://localhost/\"}",
                "{\"k\":\"view\",\"id\":\"" + id + "\",\"u\":\"http://localhost/\"} {}" }) {
            mvc.perform(beacon("198.51.100.14", bad)).andExpect(status().isBadRequest());
        }
        assertThat(jdbc.sql("SELECT count(*) FROM website_pageview WHERE view_id = :id").param("id", id)
                .query(Long.class).single()).isZero();
    }

    @Test
    void beaconForASiteThatIsNotRegisteredIsRefused() throws Exception {
        String json = "{\"k\":\"view\",\"id\":\"" + id() + "\",\"u\":\"https://unknown.example/\"}";
        mvc.perform(beacon("198.51.100.15", json, "https://unknown.example", WebsiteRequests.FIREFOX))
                .andExpect(status().isBadRequest());
    }

    @Test
    void beaconClaimingAnotherOriginThanItsOwnIsRefused() throws Exception {
        mvc.perform(beacon("198.51.100.16", view(id(), "/", ""), "https://evil.example", WebsiteRequests.FIREFOX))
                .andExpect(status().isBadRequest());
    }

    @Test
    void botsAndAutomatedBrowsersAreLeftOutOfTheStatistics() throws Exception {
        String crawler = id();
        mvc.perform(beacon("198.51.100.17", view(crawler, "/demo-site/", ""), WebsiteRequests.DEMO,
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
                .andExpect(status().isNoContent());
        String webdriver = id();
        mvc.perform(beacon("198.51.100.17", "{\"k\":\"view\",\"id\":\"" + webdriver
                + "\",\"u\":\"http://localhost/demo-site/\",\"w\":true}")).andExpect(status().isNoContent());
        assertThat(jdbc.sql("SELECT count(*) FROM website_pageview WHERE view_id IN (:a, :b)").param("a", crawler)
                .param("b", webdriver).query(Long.class).single()).isZero();
    }

    @Test
    void aForgottenTabCountsAtMostThirtyMinutes() throws Exception {
        String id = id();
        mvc.perform(beacon("198.51.100.18", view(id, "/demo-site/", ""))).andExpect(status().isNoContent());
        mvc.perform(beacon("198.51.100.18", leave(id, "/demo-site/", 86_000_000))).andExpect(status().isNoContent());
        assertThat(row(id).get("duration_ms")).isEqualTo(BeaconIngest.MAX_DURATION_MS);
    }
}
