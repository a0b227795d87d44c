package no.vern.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.servlet.MockMvc;

import no.vern.processing.PolicyText.Section;
import no.vern.retention.PeriodUnit;
import no.vern.retention.RetentionPolicies;
import no.vern.retention.RetentionRule;
import no.vern.retention.RuleChange;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.support.VernTest;

/**
 * The policy is written whole from the record, the retention rules and the website configuration (S9, S30; GDPR
 * Arts. 12-14): rendered in Norwegian and English, it must not contradict what the website does, must state the
 * enforced retention of every purpose, must read cleanly (no doubled full stops, no raw addresses outside links), and
 * must give every item of Arts. 13 and 14 for every activity.
 */
@VernTest
class PolicyContentTests {

    static final Locale NB = Locale.forLanguageTag("nb");

    /** The labels of the activity items per language, as a reader sees them (Art. 13/14 checklist). */
    static final Map<String, Map<String, String>> LABELS = Map.of(
            "nb", Map.of("subjects", "Hvem det gjelder: ", "data", "Opplysninger: ", "source", "Hvor opplysningene kommer fra: ",
                    "purpose", "Formål – ", "basis", "Behandlingsgrunnlag: ", "retention", "Lagringstid – ",
                    "recipients", "Mottakere: ", "transfers", "Overføring til land utenfor EU/EØS: ",
                    "automated", "Automatiserte avgjørelser: "),
            "en", Map.of("subjects", "Who it concerns: ", "data", "Data: ", "source", "Where the data comes from: ",
                    "purpose", "Purpose – ", "basis", "Legal basis: ", "retention", "Retention – ",
                    "recipients", "Recipients: ", "transfers", "Transfers to countries outside the EU/EEA: ",
                    "automated", "Automated decisions: "));

    @Autowired
    MockMvc mvc;
    @Autowired
    ProcessingRecord record;
    @Autowired
    WebsiteFacts website;
    @Autowired
    RecordExports exports;
    @Autowired
    RetentionPolicies retention;
    @Value("${vern.consent.pending-days:14}")
    int pendingDays;

    static Locale locale(String language) {
        return "en".equals(language) ? Locale.ENGLISH : NB;
    }

    String page(String language) throws Exception {
        return mvc.perform(get("en".equals(language) ? "/privacy" : "/personvern")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** What in a text contradicts the website's practice (S16-S18): statistics cookies, a stored IP address. */
    static List<String> contradictions(String text, WebsitePractice practice) {
        List<String> found = new ArrayList<>();
        if (!practice.statisticsUseCookies()) {
            find(found, text, "(?i)statistikk\\S*informasjonskaps\\S*|statistics cookies?|informasjonskapsl\\S* (?:for|til) statistikk"
                    + "|cookies? for statistics");
        }
        if (!practice.ipAddressStored()) {
            find(found, text, "(?i)IP-adresse\\S*(?: din)? (?:registreres|lagres|logges)(?! ikke)"
                    + "|(?:registreres|lagres|logges) IP-adresse\\S*|IP-adresse\\S* (?:i serverlogger )?slettes etter"
                    + "|IP address(?:es)?(?: is| are)? (?:registered|stored|logged)|IP addresses in server logs");
        }
        return found;
    }

    /** Doubled full stops ("lagres..", "lagres. .") in a text. */
    static List<String> doubledFullStops(String text) {
        List<String> found = new ArrayList<>();
        find(found, text, "\\S{0,20}\\.\\s*\\.");
        return found;
    }

    /** Addresses or paths in the visible text of a page outside its links. */
    static List<String> rawAddresses(String html) {
        String visible = html.replaceAll("(?s)<head>.*?</head>", " ").replaceAll("(?s)<a\\b[^>]*>.*?</a>", " ")
                .replaceAll("(?s)<[^>]+>", " ").replace("&#47;", "/").replace("&#x2F;", "/");
        List<String> found = new ArrayList<>();
        find(found, visible, "https?://\\S+|www\\.\\S+|(?:^|[\\s(«\"])/\\p{L}[\\p{L}0-9/_-]*");
        return found;
    }

    private static void find(List<String> found, String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group().strip());
        }
    }

    @Test
    void theChecksCatchWhatTheOldPolicySaid() {
        WebsitePractice cookieless = new WebsitePractice(false, false, 7, List.of());
        assertThat(contradictions("Statistikkinformasjonskapslene og dataene er anonymiserte.", cookieless)).isNotEmpty();
        assertThat(contradictions("Når du besøker nettstedet, registreres IP-adressen din.", cookieless)).isNotEmpty();
        assertThat(contradictions("When you visit the site your IP address is registered.", cookieless)).isNotEmpty();
        assertThat(contradictions("IP-adresser i serverlogger slettes etter 30 dager.", cookieless)).isNotEmpty();
        assertThat(contradictions("IP-adressen din lagres ikke. The IP address is not stored.", cookieless)).isEmpty();
        assertThat(doubledFullStops("Opplysningene lagres.. Og så.")).containsExactly("lagres..");
        assertThat(doubledFullStops("Det er avtalt. . Neste")).isNotEmpty();
        assertThat(rawAddresses("<p>Skriv til oss på /personvern/rettigheter eller www.datatilsynet.no</p>"))
                .containsExactly("/personvern/rettigheter", "www.datatilsynet.no");
        assertThat(rawAddresses("<p>Bruk <a href=\"/personvern/rettigheter\">/personvern/rettigheter</a>.</p>")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "nb", "en" })
    void thePolicySaysWhatTheWebsiteReallyDoes(String language) {
        Locale locale = locale(language);
        PolicyText policy = record.policy(locale);
        WebsitePractice practice = website.practice(record.current().document().controller().name(), locale);
        assertThat(contradictions(policy.text(), practice)).isEmpty();
        Section cookies = section(policy, "cookies");
        assertThat(String.join(" ", cookies.paragraphs())).contains(practice.statisticsUseCookies()
                ? ("en".equals(language) ? "Our visit statistics use cookies" : "Besøksstatistikken vår bruker informasjonskapsler")
                : ("en".equals(language) ? "use no cookies" : "bruker ingen informasjonskapsler"))
                .contains(practice.ipAddressStored() ? "" : ("en".equals(language) ? "Your IP address is not stored"
                        : "IP-adressen din lagres ikke"))
                .contains(practice.rawPageViewDays() + ("en".equals(language) ? " days" : " dager"));
        // The declaration in the policy is the website's, row for row.
        assertThat(cookies.table()).isNotNull();
        assertThat(cookies.table().rows()).extracting(r -> r.get(0))
                .containsExactlyElementsOf(practice.storage().stream().map(WebsitePractice.DeclaredStorage::name).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = { "nb", "en" })
    void everyPurposeHasTheRetentionThatIsEnforced(String language) {
        Locale locale = locale(language);
        PolicyText policy = record.policy(locale);
        String missing = "en".equals(language) ? "No retention period has been set" : "Lagringstid er ikke fastsatt";
        List<String> items = section(policy, "retention").items();
        for (Purpose purpose : record.current().document().purposes()) {
            assertThat(items).as(purpose.key()).anySatisfy(i -> assertThat(i).startsWith(purpose.name().in(locale) + ": "));
        }
        assertThat(items).hasSize(record.current().document().purposes().size());
        assertThat(policy.text()).doesNotContain(missing);
    }

    @ParameterizedTest
    @ValueSource(strings = { "nb", "en" })
    void thePolicyHasNoDoubledFullStop(String language) throws Exception {
        assertThat(doubledFullStops(record.policy(locale(language)).text())).isEmpty();
        assertThat(doubledFullStops(page(language).replaceAll("(?s)<[^>]+>", " "))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "nb", "en" })
    void thePolicyPrintsNoAddressOutsideALink(String language) throws Exception {
        String html = page(language);
        assertThat(rawAddresses(html)).isEmpty();
        // The privacy center, the breach form, the authority and the cookie declaration are links.
        assertThat(html).contains("en".equals(language) ? "href=\"/privacy/rights\"" : "href=\"/personvern/rettigheter\"",
                "en".equals(language) ? "href=\"/privacy/breach\"" : "href=\"/personvern/avvik\"",
                "href=\"https://www.datatilsynet.no\"", "href=\"/site/cookies?lang=" + language + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = { "nb", "en" })
    void everyActivityGivesEveryItemOfArticles13And14(String language) {
        Locale locale = locale(language);
        Map<String, String> label = LABELS.get(language);
        ProcessingRecordDocument doc = record.current().document();
        PolicyText policy = record.policy(locale);
        for (Activity activity : doc.activities()) {
            Section section = section(section(policy, "processing"), "activity-" + activity.id());
            List<String> items = section.items();
            String as = activity.id() + " (" + language + ")";
            // Art. 14(1)(d) categories, Art. 14(2)(f) source, and the people concerned.
            assertThat(items).as(as).anySatisfy(i -> assertThat(i).startsWith(label.get("subjects")));
            assertThat(items).as(as).anySatisfy(i -> assertThat(i).startsWith(label.get("data")));
            assertThat(items).as(as).anySatisfy(i -> assertThat(i).startsWith(label.get("source"))
                    .contains(Texts.clause(activity.source().in(locale))));
            for (Purpose purpose : activity.purposes()) {
                String name = purpose.name().in(locale);
                LegalBasis basis = purpose.legalBasis();
                assertThat(basis).as(as + " " + purpose.key()).isNotNull();
                String line = items.stream().filter(i -> i.startsWith(label.get("purpose") + name + ":")).findFirst()
                        .orElseThrow(() -> new AssertionError("no purpose line for " + purpose.key()));
                // Art. 13(1)(c) purpose and basis.
                assertThat(line).as(as).contains(purpose.description().in(locale).replaceAll("\\.$", ""), label.get("basis"),
                        "(GDPR art. " + basis.article() + ")");
                // Art. 13(1)(d): the legitimate interest itself, and the objection it brings (Art. 21).
                if (basis == LegalBasis.LEGITIMATE_INTEREST) {
                    assertThat(purpose.legalBasisNote()).as(as + " balancing note").isNotNull();
                    assertThat(line).contains(Texts.clause(purpose.legalBasisNote().in(locale)))
                            .contains("en".equals(language) ? "object" : "protestere");
                }
                // Art. 13(2)(c): withdrawal where the basis is consent.
                if (basis == LegalBasis.CONSENT) {
                    assertThat(line).contains("en".equals(language) ? "withdraw the consent" : "trekke samtykket tilbake");
                }
                // Art. 13(2)(e): whether providing the data is required.
                assertThat(line).contains(purpose.mandatory()
                        ? ("en".equals(language) ? "necessary for us" : "nødvendige for at vi")
                        : ("en".equals(language) ? "under no obligation" : "ingen plikt"));
                // Art. 13(2)(a): the retention, enforced and stated.
                assertThat(items).as(as).anySatisfy(i -> assertThat(i).startsWith(label.get("retention") + name + ": ")
                        .doesNotContain("en".equals(language) ? "No retention period" : "ikke fastsatt"));
            }
            // Art. 13(1)(e) recipients, (f) transfers, Art. 13(2)(f) automated decisions.
            assertThat(items).as(as).anySatisfy(i -> assertThat(i).startsWith(label.get("recipients")));
            activity.recipients().forEach(r -> assertThat(items).as(as)
                    .anySatisfy(i -> assertThat(i).startsWith(label.get("recipients")).contains(r.name().in(locale))));
            assertThat(items).as(as).anySatisfy(i -> assertThat(i).startsWith(label.get("transfers")));
            assertThat(items).as(as).anySatisfy(i -> assertThat(i).startsWith(label.get("automated")));
        }
        // Art. 13(1)(a) controller and contact, (b) the DPO's contact.
        Contact controller = doc.controller();
        Contact dpo = doc.dataProtectionOfficer();
        assertThat(String.join(" ", section(policy, "controller").paragraphs())).contains(controller.name(), dpo.name(),
                dpo.email());
        assertThat(String.join(" ", section(policy, "contact").items())).contains(controller.name(), controller.email(),
                dpo.email(), "Datatilsynet");
        // Art. 13(2)(b) the rights, including restriction, portability and objection; (d) the complaint.
        String rights = String.join(" ", section(policy, "rights").items());
        assertThat(rights.toLowerCase(Locale.ROOT)).contains("art. 18", "art. 20", "art. 21", "art. 77", "datatilsynet");
        assertThat(section(policy, "rights").links()).extracting(PolicyText.Link::href).contains("https://www.datatilsynet.no");
    }

    @Test
    void thePendingDataActivityAppearsInTheRecordThePolicyAndTheArticle30Export() {
        RecordVersion current = record.current();
        Activity pending = current.document().activities().stream().filter(a -> a.id().equals("pending-consent"))
                .findFirst().orElseThrow();
        assertThat(pending.purposes()).extracting(Purpose::legalBasis).containsExactly(LegalBasis.LEGITIMATE_INTEREST);
        for (Locale locale : List.of(NB, Locale.ENGLISH)) {
            PolicyText policy = record.policy(locale);
            assertThat(section(section(policy, "processing"), "activity-pending-consent").heading())
                    .isEqualTo(pending.name().in(locale));
            assertThat(exports.csv(current, locale)).contains(pending.purposes().get(0).name().in(locale));
            assertThat(exports.html(current, List.of(), locale, false)).contains(pending.name().in(locale));
        }
    }

    @Test
    void thePendingDataRetentionIsThePeriodTheConsentModuleDeletesAfter() {
        RetentionRule rule = retention.current("pending-consent", "cv").orElseThrow();
        assertThat(rule.unit()).isEqualTo(PeriodUnit.DAYS);
        assertThat(rule.amount()).isEqualTo(pendingDays);
        String line = section(record.policy(NB), "retention").items().stream()
                .filter(i -> i.startsWith(record.purpose("pending-consent").orElseThrow().name().nb())).findFirst()
                .orElseThrow();
        assertThat(line).contains(pendingDays + " dager");
    }

    @Test
    void aChangedRetentionRuleIsPublishedAtTheNextRender() {
        RetentionRule before = retention.current("prospect-dialogue", "phone").orElseThrow();
        String name = record.purpose("prospect-dialogue").orElseThrow().name().nb();
        try {
            Actors.runAs(Actor.system("test"), () -> retention.change("prospect-dialogue", "phone", before.version(),
                    new RuleChange(before.kind(), 7, PeriodUnit.MONTHS, null, 0, "Kortere")));
            String line = section(record.policy(NB), "retention").items().stream().filter(i -> i.startsWith(name + ":"))
                    .findFirst().orElseThrow();
            assertThat(line).contains("Telefonnummer: 7 måneder etter siste aktivitet");
        } finally {
            RetentionRule now = retention.current("prospect-dialogue", "phone").orElseThrow();
            Actors.runAs(Actor.system("test"), () -> retention.change("prospect-dialogue", "phone", now.version(),
                    before.content()));
        }
    }

    static Section section(PolicyText policy, String id) {
        return policy.sections().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no section " + id));
    }

    static Section section(Section parent, String id) {
        return parent.subsections().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no section " + id));
    }

    /** Sentence helpers as the writer uses them. */
    static final class Texts {
        static String clause(String text) {
            String stripped = text.strip();
            return stripped.endsWith(".") ? stripped.substring(0, stripped.length() - 1) : stripped;
        }
    }
}
