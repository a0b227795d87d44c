package no.vern.requests;

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
import org.springframework.context.annotation.Import;

import no.vern.identity.Role;
import no.vern.identity.StaffAccounts;
import no.vern.register.SubjectRegister;
import no.vern.shared.SubjectId;
import no.vern.support.Browser;
import no.vern.support.Canaries;

/**
 * The person's journey in a real browser: ask for access on the privacy center, confirm with the code
 * from the email (GreenMail), download the PDF; ask for erasure, the handler completes it in the console,
 * the person gets the confirmation. Screenshots: {@code target/screenshots/requests-*.png}.
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
            person.type("#email-ACCESS", email);
            person.screenshot("requests-privacy-center");
            person.click("#submit-ACCESS");
            assertThat(person.find("#neutral").getText()).contains("If we have this email address on file");
            person.screenshot("requests-code-page");
            person.type("#code", codeSentTo(email)).click("#verify");
            assertThat(person.path()).startsWith("/privacy/rights/case/");
            assertThat(person.find("#status").getText()).isEqualTo("Completed");
            person.screenshot("requests-access-ready");

            String pdfHref = person.find("#download-PDF").getAttribute("href");
            Cookie session = person.driver().manage().getCookieNamed("VERN_SESSION");
            HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(pdfHref))
                    .header("Cookie", "VERN_SESSION=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(pdf.statusCode()).isEqualTo(200);
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            try (PDDocument document = Loader.loadPDF(pdf.body())) {
                assertThat(new PDFTextStripper().getText(document)).contains("The data we hold about you", "15(1)(h)");
            }

            person.open("/privacy/rights");
            person.type("#email-ERASURE", email).click("#submit-ERASURE");
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
                handler.open("/console/requests/" + erasureId);
                handler.screenshot("requests-console-case");
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
}
