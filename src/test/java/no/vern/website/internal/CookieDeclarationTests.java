package no.vern.website.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.HtmlUtils;

import no.vern.processing.ProcessingRecord;
import no.vern.processing.WebsitePractice.DeclaredStorage;
import no.vern.support.VernTest;

/**
 * The cookie declaration (ekomloven § 3-15, S18) is the banner configuration's, row for row: on {@code /site/cookies}
 * in Norwegian and English, for every registered site, in the policy, and in what the banner script really writes.
 */
@VernTest
class CookieDeclarationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    CookieDeclaration declaration;
    @Autowired
    Sites sites;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessingRecord record;
    @Autowired
    SiteStorage storage;

    static final RequestPostProcessor OFFICER = user("officer").roles("PRIVACY_OFFICER");

    String page(String url, String acceptLanguage) throws Exception {
        return mvc.perform(get(url).header("Accept-Language", acceptLanguage)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** The table rows of the page as cell texts. */
    static List<List<String>> rows(String html) {
        String body = html.substring(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
        return Pattern.compile("(?s)<tr>(.*?)</tr>").matcher(body).results()
                .map(r -> Pattern.compile("(?s)<td[^>]*>(.*?)</td>").matcher(r.group(1)).results()
                        .map(c -> HtmlUtils.htmlUnescape(c.group(1).strip())).toList())
                .toList();
    }

    void assertTableIsTheConfiguration(String html, Locale locale, String first, String third, Site site) {
        String controller = record.current().document().controller().name();
        List<DeclaredStorage> expected = declaration.rows(controller, locale, site);
        List<List<String>> rows = rows(html);
        assertThat(rows).hasSize(expected.size()).hasSizeGreaterThanOrEqualTo(CookieDeclaration.ENTRIES.size());
        for (int i = 0; i < rows.size(); i++) {
            DeclaredStorage e = expected.get(i);
            assertThat(rows.get(i)).containsExactly(e.name(), e.type(), e.provider(), e.purpose(), e.duration(),
                    e.firstParty() ? first : third, e.category());
        }
        for (int i = 0; i < CookieDeclaration.ENTRIES.size(); i++) {
            CookieDeclaration.Entry entry = CookieDeclaration.ENTRIES.get(i);
            DeclaredStorage e = expected.get(i);
            assertThat(rows.get(i)).startsWith(entry.name());
            assertThat(e.provider()).isEqualTo(controller);
            if (entry.lifetime() == CookieDeclaration.Lifetime.FIXED) {
                assertThat(e.duration()).startsWith(String.valueOf(entry.maxAge().toDays()) + " ");
            }
        }
    }

    @Test
    void theNorwegianDeclarationIsTheBannerConfiguration() throws Exception {
        Site site = site();
        String html = page("/site/cookies?lang=nb&site=" + site.id(), "en");
        assertThat(html).contains("lang=\"nb\"", "Erklæring om informasjonskapsler", "vern_consent", "Strengt nødvendig",
                "180 dager", "Førstepart");
        assertTableIsTheConfiguration(html, Locale.forLanguageTag("nb"), "Førstepart", "Tredjepart", site);
    }

    @Test
    void theEnglishDeclarationFollowsTheBrowsersLanguage() throws Exception {
        Site site = site();
        String html = page("/site/cookies?site=" + site.id(), "en-GB,en;q=0.8");
        assertThat(html).contains("lang=\"en\"", "Cookie declaration", "180 days", "First party", "Local storage");
        assertTableIsTheConfiguration(html, Locale.ENGLISH, "First party", "Third party", site);
    }

    Site site() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        return sites.register("Kundesiden " + tag, "https://cookies-" + tag + ".example", false);
    }

    @Test
    void whatASiteDeclaresForItsOwnScriptsIsInItsDeclarationAndInThePolicy() throws Exception {
        Site site = site();
        mvc.perform(post("/console/website/sites/" + site.id() + "/storage").with(OFFICER).with(csrf())
                .param("name", "_ga").param("type", "cookie").param("provider", "Statistikkleverandøren AS")
                .param("category", "statistics").param("lifetime", "FIXED").param("maxAgeDays", "400")
                .param("purposeNb", "Skiller besøkende fra hverandre i statistikkverktøyet")
                .param("purposeEn", "Tells visitors apart in the statistics tool"))
                .andExpect(status().is3xxRedirection());
        String html = page("/site/cookies?lang=nb&site=" + site.id(), "nb");
        assertThat(rows(html)).last().isEqualTo(List.of("_ga", "Informasjonskapsel", "Statistikkleverandøren AS",
                "Skiller besøkende fra hverandre i statistikkverktøyet. Settes på " + site.name() + ".", "400 dager",
                "Tredjepart", record.purpose("website-statistics").orElseThrow().name().nb()));
        assertTableIsTheConfiguration(html, Locale.forLanguageTag("nb"), "Førstepart", "Tredjepart", site);
        // The policy's table lists it too, at the next render.
        assertThat(record.policy(Locale.ENGLISH).text()).contains("| _ga | Cookie | Statistikkleverandøren AS | "
                + "Tells visitors apart in the statistics tool. Set on " + site.name() + ". | 400 days | Third party |");
        // Removed, it leaves both.
        SiteStorage.Declared declared = storage.of(site.id()).get(0);
        mvc.perform(post("/console/website/sites/" + site.id() + "/storage/" + declared.id() + "/delete").with(OFFICER)
                .with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(page("/site/cookies?site=" + site.id(), "nb")).doesNotContain("_ga");
        assertThat(record.policy(Locale.ENGLISH).text()).doesNotContain("Statistikkleverandøren AS");
    }

    @Test
    void anIncompleteDeclarationIsShownAgainWithItsInputAndNothingIsStored() throws Exception {
        Site site = site();
        String html = mvc.perform(post("/console/website/sites/" + site.id() + "/storage").with(OFFICER).with(csrf())
                .param("name", "_pk_id.*").param("type", "cookie").param("provider", "Matomo-verten")
                .param("category", "statistics").param("lifetime", "FIXED").param("maxAgeDays", "")
                .param("purposeNb", "Telling").param("purposeEn", "Counting"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("maxAgeDays", "value=\"Matomo-verten\"", "value=\"Telling\"");
        assertThat(storage.of(site.id())).isEmpty();
        mvc.perform(post("/console/website/sites/" + site.id() + "/storage").with(user("m").roles("MARKETING"))
                .with(csrf()).param("name", "x")).andExpect(status().isForbidden());
    }

    @Test
    void theDeclarationPageItselfSetsNothingOnTheDevice() throws Exception {
        mvc.perform(get("/site/cookies")).andExpect(status().isOk()).andExpect(header().doesNotExist("Set-Cookie"));
    }

    @Test
    void aRegisteredSiteGetsTheDeclarationUnderItsOwnName() throws Exception {
        Site site = site();
        String html = page("/site/cookies?lang=nb&site=" + site.id(), "nb");
        assertThat(html).contains("Gjelder nettstedet " + site.name());
        assertThat(rows(html)).hasSize(CookieDeclaration.ENTRIES.size() + storage.of(site.id()).size());
        // The page is reachable from the site's own pages like the banner configuration (CORS for its origin).
        mvc.perform(get("/site/cookies").header("Origin", site.origin()))
                .andExpect(header().string("Access-Control-Allow-Origin", site.origin()));
        mvc.perform(get("/site/cookies?site=" + UUID.randomUUID())).andExpect(status().isNotFound());
        mvc.perform(get("/site/cookies?site=not-an-id")).andExpect(status().isBadRequest());
    }

    @Test
    void theBannerScriptWritesTheConsentCookieForTheDeclaredDuration() throws Exception {
        String script;
        try (InputStream in = new ClassPathResource("static/site/vern.js").getInputStream()) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher maxAge = Pattern.compile("COOKIE \\+ '=' \\+ value \\+ '; Max-Age=(\\d+)").matcher(script);
        assertThat(maxAge.find()).isTrue();
        assertThat(Duration.ofSeconds(Long.parseLong(maxAge.group(1)))).isEqualTo(CookieDeclaration.CONSENT_COOKIE_AGE);
        assertThat(script).contains("var COOKIE = 'vern_consent'");
    }

    @Test
    void theBannerDeletesExactlyTheDeclaredSiteStorageOnARefusal() {
        assertThat(BannerConfigs.STORAGE).isEqualTo(Map.of(
                "necessary", List.of(new BannerConfigs.Storage("cookie", "vern_consent")),
                "preferences", List.of(new BannerConfigs.Storage("localStorage", "vern-pref:*")),
                "statistics", List.of()));
        assertThat(CookieDeclaration.statisticsUseCookies()).isFalse();
    }

    @Test
    void noWebsiteTableHasAPlaceForAnIpAddress() {
        // S16: the policy says the IP address is not stored (BeaconIngest.STORES_IP_ADDRESS); no column could hold it.
        List<String> columns = jdbc.sql("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_name LIKE 'website\\_%' AND (data_type IN ('inet', 'cidr') OR column_name ~* '(^|_)(ip|addr|address|remote)(_|$)')""")
                .query((rs, n) -> rs.getString(1)).list();
        assertThat(columns).isEmpty();
        assertThat(BeaconIngest.STORES_IP_ADDRESS).isFalse();
    }

    @Test
    void anEntryWithoutTheFieldsOfTheDeclarationIsRefused() {
        assertThatThrownBy(() -> new CookieDeclaration.Entry("marketing", "cookie", "x", null,
                CookieDeclaration.Lifetime.SESSION, null, true, CookieDeclaration.Host.SITE, "consent"))
                .hasMessageContaining("category");
        assertThatThrownBy(() -> new CookieDeclaration.Entry("necessary", "cookie", "x", null,
                CookieDeclaration.Lifetime.FIXED, null, true, CookieDeclaration.Host.SITE, "consent"))
                .hasMessageContaining("maxAge");
        assertThatThrownBy(() -> new CookieDeclaration.Entry("necessary", "cookie", "bad name;", null,
                CookieDeclaration.Lifetime.SESSION, null, true, CookieDeclaration.Host.SITE, "consent"))
                .hasMessageContaining("name");
        assertThatThrownBy(() -> new CookieDeclaration.Entry("preferences", "localStorage", "x", " ",
                CookieDeclaration.Lifetime.UNTIL_WITHDRAWN, null, true, CookieDeclaration.Host.SITE, "preferences"))
                .hasMessageContaining("provider");
    }
}
