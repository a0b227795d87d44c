package no.vern.breach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import no.vern.identity.Role;
import no.vern.identity.StaffAccounts;
import no.vern.support.Browser;

/**
 * S22 and S21 in a real browser: someone outside reports a breach on the privacy pages, the
 * privacy officer sees it in the console, assesses the risk and opens the Datatilsynet draft PDF.
 * Screenshots go to {@code target/screenshots/breach-*.png}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BreachBrowserTests {

    static final String USER = "breach-officer";
    static final String PASSWORD = "a-long-breach-password";

    @LocalServerPort
    int port;

    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Browser.available(), "chromium and chromium-driver are not installed");
    }

    String base() {
        return "http://localhost:" + port;
    }

    @Test
    void publicReportReachesTheOfficerWhoAssessesItAndOpensTheDraftPdf() throws Exception {
        if (accounts.list().stream().noneMatch(a -> a.username().equals(USER))) {
            accounts.create(USER, PASSWORD, Set.of(Role.PRIVACY_OFFICER));
        }
        String receipt;
        try (Browser visitor = Browser.start(base())) {
            visitor.open("/personvern/avvik");
            assertThat(visitor.find("html").getAttribute("lang")).isEqualTo("nb");
            assertThat(visitor.find("h1").getText()).isEqualTo("Meld et brudd på personopplysningssikkerheten");
            visitor.type("#whatHappened", "En perm med kundelister lå igjen på toget fra Oslo til Bergen.")
                    .type("#discoveredAt", "");
            visitor.screenshot("breach-public-form");
            visitor.click("main form button[type=submit]");
            assertThat(visitor.find("#receipt").getText()).contains("Kvitteringsnummer: AVVIK-");
            receipt = visitor.find("#receipt strong").getText().replace("Kvitteringsnummer: ", "").strip();
            visitor.screenshot("breach-public-receipt");
        }
        try (Browser officer = Browser.start(base())) {
            officer.login(USER, PASSWORD).open("/console/breach");
            assertThat(officer.find("h1").getText()).isEqualTo("Avviksregister");
            assertThat(officer.text()).contains(receipt, "En perm med kundelister");
            officer.screenshot("breach-console-list");

            officer.click("a[href^='/console/breach/']:not([href$='new'])");
            assertThat(officer.text()).contains(receipt, "Tid igjen til fristen", "Meldt via personvernsidene");
            officer.screenshot("breach-console-detail");

            officer.click("#risk-RISK");
            officer.type("#reasoning", "Kundelister med navn og telefon; kan misbrukes til svindel. Meldes til Datatilsynet.");
            officer.click("#assessment-form button[type=submit]");
            assertThat(officer.find("#status").getText()).isEqualTo("Vurdert");
            officer.screenshot("breach-console-assessed");

            String pdfHref = officer.find("#draft-pdf").getAttribute("href");
            assertThat(pdfHref).contains("/draft.pdf");
            officer.open(pdfHref.replace(base(), "").replace("draft.pdf", "draft"));
            assertThat(officer.text()).contains("Melding om brudd på personopplysningssikkerheten til Datatilsynet",
                    "Hovedårsak", "Kontaktperson");
            officer.screenshot("breach-draft");

            Cookie session = officer.driver().manage().getCookieNamed("VERN_SESSION");
            HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pdfHref))
                    .header("Cookie", "VERN_SESSION=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            try (PDDocument document = Loader.loadPDF(pdf.body())) {
                assertThat(new PDFTextStripper().getText(document)).contains(receipt, "En perm med kundelister");
            }
        }
    }
}
