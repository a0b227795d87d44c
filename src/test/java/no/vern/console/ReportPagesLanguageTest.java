package no.vern.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.web.servlet.MockMvc;

import no.vern.support.VernTest;

/**
 * The printable report pages (the retention deletion report and the training report an officer prints for the
 * auditor) read in the language asked for, string by string (issue 23): in each language every text of the page is
 * checked against the texts the bundles have only in the other language, so a literal left in a template, or a key
 * read from the wrong bundle, fails; and the page's own heading is the one of its language.
 */
@VernTest
class ReportPagesLanguageTest {

    @Autowired
    MockMvc mvc;

    /** Report page, its heading in Norwegian and in English. */
    static final List<List<String>> PAGES = List.of(
            List.of("/console/retention/reports", "Sletting per regel og måned", "Deletions per rule and month"),
            List.of("/console/training", "Personvernopplæring", "Privacy training"));

    @Test
    void everyTextOfTheReportPagesIsInTheLanguageAskedFor() throws Exception {
        Map<String, Properties> bundles = bundles();
        Set<String> onlyNorwegian = onlyIn(bundles.get("nb"), bundles.get("en"));
        Set<String> onlyEnglish = onlyIn(bundles.get("en"), bundles.get("nb"));
        List<String> findings = new ArrayList<>();
        for (List<String> page : PAGES) {
            for (String lang : List.of("nb", "en")) {
                String html = mvc.perform(get(page.get(0)).param("lang", lang).with(user("revisor").roles("AUDITOR")))
                        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
                Element main = Jsoup.parse(html).selectFirst("main");
                assertThat(main).as(page.get(0)).isNotNull();
                assertThat(main.selectFirst("h1").text()).as(page.get(0) + " " + lang)
                        .isEqualTo("nb".equals(lang) ? page.get(1) : page.get(2));
                Set<String> wrong = "nb".equals(lang) ? onlyEnglish : onlyNorwegian;
                for (Element e : main.getAllElements()) {
                    for (String text : List.of(e.ownText().trim(), e.attr("aria-label").trim(), e.attr("title").trim())) {
                        if (wrong.contains(text)) {
                            findings.add(page.get(0) + " (" + lang + "): \"" + text + "\"");
                        }
                    }
                }
            }
        }
        assertThat(findings).as("texts of the other language on a report page").isEmpty();
    }

    /** The message bundles, Norwegian (the default files) and English ({@code _en}), every module merged. */
    static Map<String, Properties> bundles() throws Exception {
        Map<String, Properties> bundles = new HashMap<>(Map.of("nb", new Properties(), "en", new Properties()));
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties")) {
            String name = r.getFilename();
            String lang = name.endsWith("_en.properties") ? "en" : name.contains("_") ? null : "nb";
            if (lang != null) {
                try (var in = new InputStreamReader(r.getInputStream(), StandardCharsets.UTF_8)) {
                    bundles.get(lang).load(in);
                }
            }
        }
        assertThat(bundles.get("nb")).isNotEmpty();
        assertThat(bundles.get("en")).isNotEmpty();
        return bundles;
    }

    /** The texts (without arguments, of a word or more) one bundle has and the other does not have anywhere. */
    static Set<String> onlyIn(Properties one, Properties other) {
        Set<String> others = new HashSet<>();
        other.values().forEach(v -> others.add(v.toString().trim()));
        Set<String> only = new HashSet<>();
        one.values().forEach(v -> {
            String text = v.toString().trim();
            if (text.length() > 3 && !text.contains("{") && !others.contains(text)) {
                only.add(text);
            }
        });
        return only;
    }
}
