package no.vern.website.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
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

    void assertTableIsTheConfiguration(String html, Locale locale, String first, String third) {
        String controller = record.current().document().controller().name();
        List<DeclaredStorage> expected = declaration.rows(controller, locale);
        List<List<String>> rows = rows(html);
        assertThat(rows).hasSize(CookieDeclaration.ENTRIES.size()).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            DeclaredStorage e = expected.get(i);
            CookieDeclaration.Entry entry = CookieDeclaration.ENTRIES.get(i);
            assertThat(rows.get(i)).containsExactly(entry.name(), e.type(), controller, e.purpose(), e.duration(),
                    entry.firstParty() ? first : third, e.category());
            if (entry.lifetime() == CookieDeclaration.Lifetime.FIXED) {
                assertThat(e.duration()).startsWith(String.valueOf(entry.maxAge().toDays()) + " ");
            }
        }
    }

    @Test
    void theNorwegianDeclarationIsTheBannerConfiguration() throws Exception {
        String html = page("/site/cookies?lang=nb", "en");
        assertThat(html).contains("lang=\"nb\"", "Erklæring om informasjonskapsler", "vern_consent", "Strengt nødvendig",
                "180 dager", "Førstepart");
        assertTableIsTheConfiguration(html, Locale.forLanguageTag("nb"), "Førstepart", "Tredjepart");
    }

    @Test
    void theEnglishDeclarationFollowsTheBrowsersLanguage() throws Exception {
        String html = page("/site/cookies", "en-GB,en;q=0.8");
        assertThat(html).contains("lang=\"en\"", "Cookie declaration", "180 days", "First party", "Local storage");
        assertTableIsTheConfiguration(html, Locale.ENGLISH, "First party", "Third party");
    }

    @Test
    void theDeclarationPageItselfSetsNothingOnTheDevice() throws Exception {
        mvc.perform(get("/site/cookies")).andExpect(status().isOk()).andExpect(header().doesNotExist("Set-Cookie"));
    }

    @Test
    void aRegisteredSiteGetsTheDeclarationUnderItsOwnName() throws Exception {
        Site site = sites.register("Kundesiden " + UUID.randomUUID().toString().substring(0, 8),
                "https://cookies-" + UUID.randomUUID().toString().substring(0, 8) + ".example", false);
        String html = page("/site/cookies?lang=nb&site=" + site.id(), "nb");
        assertThat(html).contains("Gjelder nettstedet " + site.name());
        assertThat(rows(html)).hasSize(CookieDeclaration.ENTRIES.size());
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
