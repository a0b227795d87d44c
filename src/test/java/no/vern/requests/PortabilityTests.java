package no.vern.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import com.jayway.jsonpath.JsonPath;

import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.support.Canaries;
import no.vern.support.VernTest;

/**
 * GDPR Art. 20(1) answered as the law runs it (issue 20, item 8): data the person did not provide, or that is not
 * processed on consent or contract, is not portable; the answer still confirms it is held (Art. 15) and says why
 * each category is left out, instead of "we found no data about you".
 */
@VernTest
@Import(RequestsTestSupport.Systems.class)
class PortabilityTests extends RequestsTestSupport {

    @Autowired
    Requests requests;
    @Autowired
    PrivacyCenter center;
    @Autowired
    SubjectRegister register;

    private RequestId completedPortability(String email, Locale locale) {
        RequestId id = requests.receive(new NewRequest(RequestKind.PORTABILITY, RequestChannel.EMAIL, email, null, locale,
                null)).request().id();
        requests.verify(id, "replied from the address on file");
        requests.complete(id, null);
        return id;
    }

    @Test
    void art20_1_dataThatAllCameFromTheEmployerIsConfirmedAsHeldAndNoneOfItIsPortableWithTheReason() throws Exception {
        String email = uniqueEmail("fromemployer");
        register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), "customer-administration",
                Source.CUSTOMER, null, PersonalData.contact(Canaries.NAME, email, "+4791234567")));
        RequestId id = completedPortability(email, Locale.ENGLISH);

        String json = new String(center.download(id, PrivacyCenter.ExportFormat.JSON).orElseThrow().content(),
                StandardCharsets.UTF_8);
        assertThat((Boolean) JsonPath.read(json, "$.portability")).isTrue();
        assertThat((Boolean) JsonPath.read(json, "$.dataHeld")).as("held, though not portable (Art. 15(1))").isTrue();
        assertThat((List<?>) JsonPath.read(json, "$.data")).isEmpty();
        List<String> categories = JsonPath.read(json, "$.notPortable[*].category");
        assertThat(categories).containsExactlyInAnyOrder("name", "email", "phone");
        assertThat((List<String>) JsonPath.read(json, "$.notPortable[*].reason"))
                .allSatisfy(r -> assertThat(r).isEqualTo("not provided by you (From the customer or partner you work for)"));
        assertThat(JsonPath.read(json, "$.notPortable").toString()).as("only categories and reasons, no values")
                .doesNotContain(email, Canaries.NAME, "+4791234567");

        byte[] pdf = center.download(id, PrivacyCenter.ExportFormat.PDF).orElseThrow().content();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("We process personal data about you.",
                    "None of the data we hold about you is covered by the right to data portability",
                    "GDPR Art. 20(1)").doesNotContain("We found no personal data about you");
        }
    }

    @Test
    void art20_1_dataThePersonGaveOnAContractIsPortableAndTheRestIsExplainedInNorwegian() throws Exception {
        String email = uniqueEmail("ownwords");
        register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), "customer-administration",
                Source.SUBJECT, null, PersonalData.contact(Canaries.NAME, email, null)));
        RequestId id = completedPortability(email, Locale.forLanguageTag("nb"));

        String json = new String(center.download(id, PrivacyCenter.ExportFormat.JSON).orElseThrow().content(),
                StandardCharsets.UTF_8);
        List<String> portable = JsonPath.read(json, "$.data[*].category");
        List<String> left = JsonPath.read(json, "$.notPortable[*].category");
        // Whatever the record's basis for the purpose, each held category is either in the file or explained.
        assertThat(portable.size() + left.size()).isEqualTo(2);
        assertThat((List<String>) JsonPath.read(json, "$.notPortable[*].reason"))
                .allSatisfy(r -> assertThat(r).startsWith("behandles på grunnlag av").endsWith("ikke samtykke eller avtale"));
    }
}
