package no.vern.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.support.Canaries;
import no.vern.support.VernTest;

/**
 * The access report (GDPR Art. 15(1) and (3)) is written in the person's language string by string (issue 23): the
 * Art. 15 headings and each purpose's legal-basis citation come from the bundles, so the Norwegian copy cites
 * "personvernforordningen art." and the English one "GDPR Art.", neither borrowing the other's words.
 */
@VernTest
@Import(RequestsTestSupport.Systems.class)
class AccessReportLanguageTests extends RequestsTestSupport {

    @Autowired
    Requests requests;
    @Autowired
    PrivacyCenter center;
    @Autowired
    SubjectRegister register;

    private String accessReport(Locale locale) throws Exception {
        String email = uniqueEmail("report-" + locale.getLanguage());
        register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), "customer-administration",
                Source.SUBJECT, null, PersonalData.contact(Canaries.NAME, email, null)));
        RequestId id = requests.receive(new NewRequest(RequestKind.ACCESS, RequestChannel.EMAIL, email, null, locale, null))
                .request().id();
        requests.verify(id, "replied from the address on file");
        requests.complete(id, null);
        byte[] pdf = center.download(id, PrivacyCenter.ExportFormat.PDF).orElseThrow().content();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    @Test
    void art15_theNorwegianReportCitesTheRegulationInNorwegian() throws Exception {
        String text = accessReport(Locale.forLanguageTag("nb"));
        assertThat(text).contains("Artikkel 15(1)(a): Formål og behandlingsgrunnlag", "(personvernforordningen art. 6(1)(")
                .doesNotContain("GDPR Art.", "Art. 15(1)", "Purposes and legal basis");
    }

    @Test
    void art15_theEnglishReportCitesTheRegulationInEnglish() throws Exception {
        String text = accessReport(Locale.ENGLISH);
        assertThat(text).contains("Art. 15(1)(a): ", "(GDPR Art. 6(1)(")
                .doesNotContain("personvernforordningen", "Artikkel 15", "Formål og behandlingsgrunnlag");
    }
}
