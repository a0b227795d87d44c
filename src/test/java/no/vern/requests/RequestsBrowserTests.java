package no.vern.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import no.vern.identity.Role;
import no.vern.identity.StaffAccounts;
import no.vern.register.SubjectRegister;
import no.vern.shared.SubjectId;
import no.vern.support.Axe;
import no.vern.support.Browser;
import no.vern.support.Canaries;

/**
 * The person's journey in a real browser: ask for access on the privacy center, confirm with the code
 * from the email (GreenMail), download the PDF; ask for erasure, the handler completes it in the console,
 * the person gets the confirmation; the rights center's chooser and its error summary at 1400 px and 375 px. Every
 * page visited passes axe-core (no serious WCAG 2.1 A/AA violation). Screenshots:
 * {@code target/screenshots/requests-*.png} and {@code rights-*.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(RequestsTestSupport.Systems.class)
class RequestsBrowserTests extends RequestsTestSupport {

    static final String USER = "requests-handler";
    static final String PASSWORD = "a-long-requests-password";

    @LocalServerPort
    int port;
    @Autowired
    StaffAccounts accounts;
    @Autowired
    SubjectRegister register;
    @Autowired
    Requests requests;
    @Autowired
    no.vern.shared.TimeFormat time;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Browser.available(), "chromium and chromium-driver are not installed");
    }

    String base() {
        return "http://localhost:" + port;
    }

    @Test
    void accessWithACodeByEmailThenErasureApprovedByTheHandlerAndConfirmed() throws Exception {
        String email = uniqueEmail("journey");
        SubjectId subject = register.register(contactOnFile(Canaries.NAME, email));
        try (Browser person = Browser.start(base())) {
            person.open("/privacy/rights");
            assertThat(person.find("h1").getText()).isEqualTo("Your privacy rights");
            Axe.assertAccessible(person);
            person.click("#kind-ACCESS").click("#choose");
            assertThat(person.find("h1").getText()).isEqualTo("Access");
            person.type("#email", email);
            person.screenshot("requests-privacy-center");
            Axe.assertAccessible(person);
            person.click("#submit");
            assertThat(person.find("#neutral").getText()).contains("If we have this email address on file");
            person.screenshot("requests-code-page");
            Axe.assertAccessible(person);
            person.type("#code", codeSentTo(email)).click("#verify");
            assertThat(person.path()).startsWith("/privacy/rights/case/");
            assertThat(person.find("#status").getText()).isEqualTo("Completed");
            person.screenshot("requests-access-ready");
            Axe.assertAccessible(person);

            String pdfHref = person.find("#download-PDF").getAttribute("href");
            Cookie session = person.driver().manage().getCookieNamed("VERN_SESSION");
            HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pdfHref))
                    .header("Cookie", "VERN_SESSION=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            try (PDDocument document = Loader.loadPDF(pdf.body())) {
                assertThat(new PDFTextStripper().getText(document)).contains("The data we hold about you", "15(1)(h)");
            }

            person.open("/privacy/rights?kind=ERASURE");
            person.type("#email", email).click("#submit");
            String erasureId = person.path().substring(person.path().lastIndexOf('/') + 1);
            person.type("#code", codeSentTo(email)).click("#verify");
            assertThat(person.find("#status").getText()).isEqualTo("In progress");
            person.screenshot("requests-erasure-in-progress");

            if (accounts.list().stream().noneMatch(a -> a.username().equals(USER))) {
                accounts.create(USER, PASSWORD, Set.of(Role.CASE_HANDLER));
            }
            try (Browser handler = Browser.start(base())) {
                handler.login(USER, PASSWORD).open("/console/requests");
                assertThat(handler.find("#cases").getText()).contains("Sletting");
                handler.screenshot("requests-console-list");
                Axe.assertAccessible(handler);
                handler.open("/console/requests/" + erasureId);
                handler.screenshot("requests-console-case");
                Axe.assertAccessible(handler);
                handler.click("#complete");
                // Erased at once; the answer waits for the recipients of the purposes to be told (GDPR Art. 19).
                assertThat(handler.find("h1").getText()).contains("Utført, varsler mottakerne");
                assertThat(register.isErased(subject)).isTrue();
                assertThat(mailTo(email)).noneSatisfy(m -> assertThat(body(m)).contains("We have erased the data"));
                handler.screenshot("requests-console-recipients");
                new org.openqa.selenium.support.ui.Select(handler.find("#recipient-notices form select"))
                        .selectByValue("DISPROPORTIONATE");
                handler.type("#recipient-notices form input[name=reason]", "This supplier never received the data of contacts");
                handler.click("#recipient-notices form button");
                while (!handler.driver().findElements(org.openqa.selenium.By.cssSelector("#recipient-notices form")).isEmpty()) {
                    handler.click("#recipient-notices form button"); // told (the first choice)
                }
                assertThat(handler.find("#recipient-notices").getText()).contains("Ikke varslet: uforholdsmessig innsats",
                        "Har fått beskjed", "This supplier never received the data of contacts");
                assertThat(handler.find("h1").getText()).contains("Fullført");
                handler.screenshot("requests-console-completed");
            }
        }
        assertThat(mailTo(email)).anySatisfy(m -> assertThat(body(m)).contains("We have erased the data", "Erasure certificate",
                "because it would involve disproportionate effort (GDPR Art. 19): This supplier never received"));
    }

    /**
     * Issue 23 item 5: the chooser leads to one short form; a choice left empty and a bad address each bring an error
     * summary on top that has the focus and links to the field, with the input kept; no page scrolls sideways on a phone.
     */
    @Test
    void theRightsCenterIsAChooserWithOneShortFormAndAnErrorSummaryThatTakesFocus() {
        try (Browser person = Browser.start(base(), 1400, 900)) {
            for (int width : new int[] { 1400, 375 }) {
                person.resize(width, 900).open("/personvern/rettigheter");
                assertThat(person.find("#chooser legend").getText()).isEqualTo("Hva vil du gjøre?");
                assertThat(person.driver().findElements(org.openqa.selenium.By.cssSelector("#chooser input[type=radio]")))
                        .hasSize(RequestKind.values().length);
                assertThat(person.driver().findElements(org.openqa.selenium.By.cssSelector("form[method=post]"))).isEmpty();
                assertNoSidewaysScroll(person, width);
                person.screenshot("rights-chooser-" + width);
                Axe.assertAccessible(person);

                person.click("#choose");
                assertThat(person.find("#error-summary").getText()).contains("Det er et problem", "Velg hva du vil gjøre.");
                assertThat(focused(person)).isEqualTo("error-summary");
                assertThat(person.find("#error-summary a").getDomAttribute("href")).isEqualTo("#kind-ACCESS");
                assertNoSidewaysScroll(person, width);
                person.screenshot("rights-chooser-error-" + width);
                Axe.assertAccessible(person);

                person.click("#kind-ERASURE").click("#choose");
                assertThat(person.find("h1").getText()).isEqualTo("Sletting");
                assertThat(person.driver().findElements(org.openqa.selenium.By.cssSelector("#error-summary"))).isEmpty();
                assertThat(person.driver().findElements(org.openqa.selenium.By.cssSelector("form[method=post]"))).hasSize(1);
                person.type("#email", "ikke-en-adresse").type("#details", "Gjelder kundeforholdet fra 2019").click("#submit");
                assertThat(person.find("#error-summary").getText()).contains("Skriv en gyldig e-postadresse.");
                assertThat(focused(person)).isEqualTo("error-summary");
                assertThat(person.find("#error-summary a").getDomAttribute("href")).isEqualTo("#email");
                assertThat(person.find("h1").getText()).isEqualTo("Sletting");
                assertThat(person.find("#email").getDomProperty("value")).isEqualTo("ikke-en-adresse");
                assertThat(person.find("#details").getDomProperty("value")).isEqualTo("Gjelder kundeforholdet fra 2019");
                assertThat(person.find("#email").getDomAttribute("aria-invalid")).isEqualTo("true");
                assertThat(person.find("#email").getDomAttribute("aria-describedby")).isEqualTo("email-error");
                assertThat(person.driver().getTitle()).startsWith("Feil: Sletting");
                assertNoSidewaysScroll(person, width);
                person.screenshot("rights-error-" + width);
                Axe.assertAccessible(person);
            }
        }
    }

    /**
     * Issue 23: after extending the deadline (GDPR Art. 12(3)) or refusing (Art. 12(4)) the handler is back on the case page
     * and reads, in the console's language, what happened: the new due date, or the ground of the refusal; a refusal the
     * service turns down shows why, and the form keeps the ground and reasons entered. In a real browser (session cookie,
     * redirect and all), where the flash message travels through the session.
     */
    @Test
    void afterExtendingOrRefusingTheHandlerReadsWhatHappenedAndARefusedFormKeepsItsInput() {
        if (accounts.list().stream().noneMatch(a -> a.username().equals(USER))) {
            accounts.create(USER, PASSWORD, Set.of(Role.CASE_HANDLER));
        }
        try (Browser handler = Browser.start(base())) {
            handler.login(USER, PASSWORD);
            for (String lang : new String[] { "nb", "en" }) {
                RequestId id = requests.receive(new NewRequest(RequestKind.ACCESS, RequestChannel.EMAIL, uniqueEmail("flash-" + lang),
                        null, java.util.Locale.ENGLISH, null)).request().id();
                handler.open("/console/requests/" + id + "?lang=" + lang);
                new org.openqa.selenium.support.ui.Select(handler.find("#months")).selectByValue("2");
                handler.type("#ext-reasons", "Many systems to search").click("#extend");
                String due = time.local(requests.get(id).dueAt());
                assertThat(handler.find(".flash").getText()).isEqualTo("nb".equals(lang)
                        ? "Fristen er forlenget med 2 måneder, til " + due + "." : "The deadline is extended by 2 months, to " + due + ".");
                assertThat(handler.find("#due").getText()).isEqualTo(due);

                ((JavascriptExecutor) handler.driver()).executeScript("window.confirm = function () { return true; }");
                new org.openqa.selenium.support.ui.Select(handler.find("#ref-ground")).selectByValue("RIGHTS_OF_OTHERS");
                handler.type("#ref-reasons", "...").click("#refuse");
                assertThat(requests.get(id).closed()).isFalse();
                assertThat(handler.find(".flash").getText()).contains("nb".equals(lang) ? "med ord" : "in words");
                assertThat(new org.openqa.selenium.support.ui.Select(handler.find("#ref-ground")).getFirstSelectedOption()
                        .getDomAttribute("value")).isEqualTo("RIGHTS_OF_OTHERS");
                assertThat(handler.find("#ref-reasons").getDomProperty("value")).isEqualTo("...");
                handler.screenshot("requests-refusal-refused-" + lang);

                ((JavascriptExecutor) handler.driver()).executeScript("window.confirm = function () { return true; }");
                handler.find("#ref-reasons").clear();
                handler.type("#ref-reasons", "The copy would show another customer's orders").click("#refuse");
                assertThat(requests.get(id).closed()).isTrue();
                assertThat(handler.find(".flash").getText()).isEqualTo("nb".equals(lang)
                        ? "Henvendelsen er avslått. Grunnlag: En kopi ville skade andres rettigheter og friheter (personvernforordningen art. 15 nr. 4)."
                        : "The request is refused. Ground: A copy would adversely affect the rights and freedoms of others (GDPR Art. 15(4)).");
                handler.screenshot("requests-refused-" + lang);
            }
        }
    }

    /**
     * Issue 23 items 7 and 8: the public pages a person reaches without a link from a mail (the pages behind one are
     * checked by their modules' browser tests) have no serious WCAG 2.1 A/AA violation at 1400 px and do not scroll
     * sideways at 375 px; a refused link shows the one link-refused page, checked too.
     */
    @Test
    void everyPublicPagePassesAxeAndFitsAPhone() {
        List<String> paths = List.of("/login", "/personvern", "/privacy", "/personvern/rettigheter", "/privacy/rights?kind=ACCESS",
                "/personvern/avvik", "/privacy/breach", "/personvern/kontroller-slettebevis", "/privacy/verify-certificate",
                "/site/cookies", "/avmelding/not-a-token", "/personvern/talentbank/not-a-token",
                "/samtykke/trekk-tilbake/not-a-token");
        List<String> failures = new java.util.ArrayList<>();
        try (Browser visitor = Browser.start(base(), 1400, 900)) {
            for (int width : new int[] { 1400, 375 }) {
                visitor.resize(width, 900);
                for (String path : paths) {
                    visitor.open(path);
                    if (width < 600) {
                        Number overflow = (Number) ((JavascriptExecutor) visitor.driver())
                                .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
                        if (overflow.intValue() > 0) {
                            failures.add(path + " scrolls sideways by " + overflow + " px at " + width + " px");
                        }
                    } else {
                        failures.addAll(Axe.violations(visitor).stream().map(v -> path + ": " + v).toList());
                    }
                }
            }
        }
        assertThat(failures).as("public pages with a serious WCAG 2.1 A/AA violation or sideways scrolling").isEmpty();
    }

    static String focused(Browser browser) {
        return String.valueOf(((JavascriptExecutor) browser.driver()).executeScript("return document.activeElement.id"));
    }

    static void assertNoSidewaysScroll(Browser browser, int width) {
        Number scroll = (Number) ((JavascriptExecutor) browser.driver())
                .executeScript("return document.documentElement.scrollWidth - window.innerWidth");
        assertThat(scroll.intValue()).as("horizontal overflow of %s at %d px", browser.path(), width).isLessThanOrEqualTo(0);
    }
}
