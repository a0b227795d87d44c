package no.vern.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.breach.BreachRegister;
import no.vern.breach.Channel;
import no.vern.breach.NewBreach;
import no.vern.events.Event;
import no.vern.events.EventRegistry;
import no.vern.events.NewEvent;
import no.vern.events.SignUp;
import no.vern.requests.NewRequest;
import no.vern.requests.RequestChannel;
import no.vern.requests.RequestKind;
import no.vern.requests.Requests;
import no.vern.support.MailTestSupport;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/**
 * Human language everywhere (issue 23 item 3): walks every console page an officer reaches from the navigation,
 * and the detail pages of a request, a breach and an event, in Norwegian, and fails on machine identifiers or
 * English in the visible text: enum constants ({@code DONE}), purpose and job slugs, actor references
 * ({@code system:…}, {@code anonymous:…}), audit action ids and a list of English words.
 */
@VernTest
// A fresh context: the walk judges the text Vern writes, and the shared context holds whatever other test classes
// typed in (user names like 'matrise-auditor', breach titles, a test CRM's driver errors), which would make the
// verdict depend on the order the classes run in.
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class ConsoleLanguageTest extends MailTestSupport {

    static final RequestPostProcessor OFFICER = user("ombud").roles("PRIVACY_OFFICER");

    /** Acronyms a Norwegian page uses as they are. */
    static final Set<String> ACRONYMS = Set.of("GDPR", "DPIA", "HTTP", "HTTPS", "SMTP", "TOTP", "SCIM", "OIDC", "JSON",
            "HTML", "ISBN", "NOK", "UTC", "CEST", "WCAG", "ROPA", "SSO", "IMAP", "CSV", "PDF", "API", "CRM", "CORS", "IBAN", "DOCX");

    /** Enum constants; not receipt numbers ({@code AVVIK-2026-0001}) nor the names of settings ({@code VERN_SMTP_HOST}). */
    static final Pattern ENUM = Pattern.compile("\\b(?!VERN_)(?:[A-Z][A-Z0-9]*_[A-Z0-9_]+|[A-Z]{4,})\\b(?!-\\d)");
    static final Pattern SLUG = Pattern.compile("(?<![\\w@./-])[a-z]{2,}(?:-[a-z]{2,})+(?![\\w@./-])");
    static final Pattern ACTOR = Pattern.compile("\\b(?:system|anonymous|staff|subject|api_client|user):[\\w.-]*");
    static final Pattern AUDIT_ACTION = Pattern.compile("\\b(?:assessments|audit|breach|changes|communications|connectors"
            + "|consent|events|identity|processing|register|requests|retention|training|vendors|website)\\.[a-z-]+\\.[a-z-]+");
    static final Pattern ENGLISH = Pattern.compile("(?i)\\b(?:the|and|with|not|is|are|was|has|have|this|that|which|from"
            + "|been|will|should|must|received|pending|channel|file|invalid|required|none|yes|purpose|record)\\b");
    /** Norwegian words with a hyphen that are not slugs. */
    static final Set<String> HYPHENATED = Set.of("e-post", "e-poster", "e-posten", "e-postadresse", "e-postadressen",
            "e-postadresser", "id-er", "person-id", "personvern-postkassen");

    @Autowired
    MockMvc mvc;
    @Autowired
    Requests requests;
    @Autowired
    BreachRegister breaches;
    @Autowired
    EventRegistry events;
    @Autowired
    TestClock clock;

    private no.vern.requests.RequestId request;
    private no.vern.breach.BreachId breach;

    @BeforeEach
    void seed() {
        Instant now = clock.instant();
        request = requests.receive(new NewRequest(RequestKind.ACCESS, RequestChannel.EMAIL, uniqueEmail(), now,
                Locale.forLanguageTag("nb"), null)).request().id();
        breach = breaches.report(new NewBreach("Mistet bærbar PC", "En bærbar PC ble stjålet på toget.", now, now,
                Channel.CONSOLE, null)).id();
        Instant start = now.plus(Duration.ofDays(7));
        Event event = events.create(new NewEvent("Frokostseminar om personvern", start, "Fjellvik Oslo, Fjordgata 1",
                30, start.minus(Duration.ofDays(1)), true, true));
        events.signUp(event.id(), new SignUp("Kari Deltaker", uniqueEmail(), null, null, true, false,
                Locale.forLanguageTag("nb"), null, null, null));
    }

    @Test
    void everyConsolePageAnOfficerReachesReadsInNorwegianWithoutMachineIdentifiers() throws Exception {
        Map<String, List<String>> findings = new HashMap<>();
        Map<String, Integer> visitsPerShape = new HashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of("/console"));
        while (!queue.isEmpty() && seen.size() < 250) {
            String path = queue.poll();
            String shape = path.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}").replaceAll("\\?.*", "");
            if (!seen.add(path) || visitsPerShape.merge(shape, 1, Integer::sum) > 1) {
                continue;
            }
            MockHttpServletResponse response = mvc.perform(get(path).param("lang", "nb").with(OFFICER)).andReturn()
                    .getResponse();
            String type = response.getContentType();
            if (response.getStatus() != 200 || type == null || !type.startsWith("text/html")) {
                continue;
            }
            Document page = Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8));
            List<String> found = offenders(page);
            if (!found.isEmpty()) {
                findings.put(path, found);
            }
            for (Element link : page.select("a[href^=/console]")) {
                String href = link.attr("href");
                if (!href.contains("lang=") && !href.matches(".*\\.(csv|pdf|json|zip)(\\?.*)?$")
                        && !href.contains("/export") && !href.contains("/download")) {
                    queue.add(href);
                }
            }
        }

        assertThat(seen).hasSizeGreaterThan(30);
        assertThat(findings).as("machine identifiers or English on Norwegian console pages").isEmpty();
    }

    /**
     * Issue 23 item 4: the page a person sees after a failed POST (the form again with why it was refused, or, for
     * the forms that redirect, the message the next page shows) reads in Norwegian too, for the main forms. Each form
     * is sent so that it is refused, and the refusal must be shown: a form that saved would prove nothing.
     */
    @Test
    void theMainFormsRefusedWithFieldErrorsReadInNorwegian() throws Exception {
        Map<String, List<String>> findings = new HashMap<>();
        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        Map<String, String[]> forms = new java.util.LinkedHashMap<>();
        forms.put("/console/breach", new String[] { "title", "", "whatHappened", "", "discoveredAt", "i går" });
        forms.put("/console/breach/" + breach + "/assessment", new String[] { "risk", "", "reasoning", "" });
        forms.put("/console/requests/" + request + "/extend", new String[] { "months", "7", "reasons", "" });
        forms.put("/console/requests/" + request + "/refuse", new String[] { "ground", "", "reasons", "" });
        forms.put("/console/vendors", new String[] { "name", "", "country", "", "service", "" });
        forms.put("/console/processing/activities/customers", new String[] { "basedOnVersion", "1", "nameNb", "", "nameEn", "" });
        forms.put("/console/retention/rules/security/name", new String[] { "basedOn", "1", "kind", "", "amount", "mange",
                "unit", "", "noticeDays", "x" });
        forms.put("/console/identity/users", new String[] { "username", "", "password", "kort" });
        for (Map.Entry<String, String[]> form : forms.entrySet()) {
            Document page = refused(form.getKey(), form.getValue());
            refusals.put(form.getKey(), page.select(".field-error, .error, [role=alert], .flash, .error-summary").text());
            List<String> found = offenders(page);
            if (!found.isEmpty()) {
                findings.put(form.getKey(), found);
            }
        }
        assertThat(refusals).as("each form shows why it was refused").allSatisfy((path, said) ->
                assertThat(said).as(path).isNotBlank());
        assertThat(findings).as("machine identifiers or English on Norwegian pages after a refused form").isEmpty();
    }

    @Test
    void theRefusedFormCheckFindsAnEnglishFieldError() {
        Document page = Jsoup.parse("<html><body><main><form><p class=\"field-error\">Ugyldig: is not needed for purpose"
                + "</p></form></main></body></html>");
        assertThat(offenders(page)).anyMatch(s -> s.startsWith("english"));
    }

    /**
     * Posts a form in Norwegian as an officer: the page it renders again, or, when it redirects, the page it redirects
     * to with the message it leaves for it (the flash the layout shows at the top).
     */
    private Document refused(String path, String... params) throws Exception {
        var post = post(path).param("lang", "nb").with(OFFICER).with(csrf());
        for (int i = 0; i + 1 < params.length; i += 2) {
            post.param(params[i], params[i + 1]);
        }
        var result = mvc.perform(post).andReturn();
        MockHttpServletResponse response = result.getResponse();
        String redirect = response.getRedirectedUrl();
        if (redirect == null) {
            assertThat(response.getStatus()).as(path).isIn(200, 400, 409, 422);
            return Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8));
        }
        String html = mvc.perform(get(redirect).param("lang", "nb").with(OFFICER)).andExpect(
                org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        Document page = Jsoup.parse(html);
        Object flash = result.getFlashMap().get("flash");
        if (flash != null) {
            page.body().prependElement("div").addClass("flash").text(flash.toString());
        }
        return page;
    }

    @Test
    void everyRolesHomeReadsInNorwegian() throws Exception {
        Map<String, List<String>> findings = new HashMap<>();
        for (String role : List.of("PRIVACY_OFFICER", "CASE_HANDLER", "SALES", "RECRUITER", "MARKETING", "AUDITOR")) {
            String html = mvc.perform(get("/console").param("lang", "nb").with(user("u" + role.length()).roles(role)))
                    .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
            List<String> found = offenders(Jsoup.parse(html));
            if (!found.isEmpty()) {
                findings.put(role, found);
            }
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void theCheckFindsAnEnumASlugAnActorAnAuditActionAndEnglish() {
        Document page = Jsoup.parse("<html><body><main><p>Status DONE: the customer-administration by "
                + "system:retention-purge (register.subject.read)</p></main></body></html>");

        assertThat(offenders(page)).anyMatch(s -> s.contains("DONE")).anyMatch(s -> s.contains("customer-administration"))
                .anyMatch(s -> s.contains("system:")).anyMatch(s -> s.contains("register.subject.read"))
                .anyMatch(s -> s.startsWith("english"));
    }

    /** What a reader of the page would see that is not Norwegian prose, each with a little context. */
    static List<String> offenders(Document page) {
        page.select("script, style, template, [lang=en], [translate=no]").remove();
        List<String> texts = new ArrayList<>();
        texts.add(page.title());
        texts.add(page.body().text());
        page.select("[placeholder]").forEach(e -> texts.add(e.attr("placeholder")));
        page.select("[aria-label]").forEach(e -> texts.add(e.attr("aria-label")));
        List<String> found = new ArrayList<>();
        for (String shown : texts) {
            // The names of settings an administrator sets (vern.consent.pending-days) are shown as they are.
            String text = shown.replaceAll("\\bvern(?:\\.[a-z-]+)+", "");
            collect(found, "enum", ENUM, text, m -> !ACRONYMS.contains(m));
            collect(found, "slug", SLUG, text, m -> !HYPHENATED.contains(m.toLowerCase(Locale.ROOT)));
            collect(found, "actor", ACTOR, text, m -> true);
            collect(found, "audit action", AUDIT_ACTION, text, m -> true);
            collect(found, "english", ENGLISH, text, m -> true);
        }
        return found;
    }

    interface Keep {
        boolean test(String match);
    }

    static void collect(List<String> found, String what, Pattern pattern, String text, Keep keep) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (keep.test(m.group())) {
                int from = Math.max(0, m.start() - 40);
                int to = Math.min(text.length(), m.end() + 40);
                found.add(what + " '" + m.group() + "' in …" + text.substring(from, to) + "…");
            }
        }
    }
}
