package no.vern.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.processing.SubjectKind;
import no.vern.register.ImportReport.Status;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.Tokens;
import no.vern.support.VernTest;

/** CSV import of customer contacts from a CRM export (issue 4 part 7). */
@VernTest
class RegisterImportTest {

    @Autowired
    SubjectRegister register;
    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;

    static String crmExport(String tag) {
        return """
                name;email;phone;company;org_number;title
                %s;%s;%s;Kanarifugl AS;923609016;Daglig leder
                Ola Nordmann;ola.%s@example.no;+47 22 12 34 56;Kanarifugl AS;923609016;Selger
                Ugyldig Epost;ikke-en-epost;;Kanarifugl AS;923609016;
                Kari Dobbel;OLA.%s@example.no;;;;
                Feil Orgnr;feil.%s@example.no;;Feil AS;123456789;
                """.formatted(Canaries.NAME, tag + Canaries.EMAIL, Canaries.PHONE, tag, tag, tag);
    }

    @Test
    void aDryRunReportsEveryLineAndStoresNothing() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        ImportReport report = register.importCsv(crmExport(tag), ImportOptions.customerContacts(true));

        assertThat(report.dryRun()).isTrue();
        assertThat(report.lines()).extracting(ImportReport.Line::status).containsExactly(Status.VALID, Status.VALID,
                Status.INVALID, Status.DUPLICATE, Status.INVALID);
        assertThat(report.lines().get(2).errors()).extracting(e -> e.field()).containsExactly("email");
        assertThat(report.lines().get(4).errors()).extracting(e -> e.field()).containsExactly("org_number");
        assertThat(report.lines().get(2).number()).isEqualTo(4);
        assertThat(register.findByEmail(tag + Canaries.EMAIL)).isEmpty();
    }

    @Test
    void applyingCreatesTheValidLinesAndAReimportCreatesNothingNew() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        ImportReport first = register.importCsv(crmExport(tag), ImportOptions.customerContacts(false));
        assertThat(first.count(Status.VALID)).isEqualTo(2);
        SubjectSummary created = register.findByEmail(tag + Canaries.EMAIL).get(0);
        assertThat(created.organisation()).isNotNull();
        assertThat(created.organisation().orgNumber()).isEqualTo("923609016");
        assertThat(register.read(created.id(), "customer-administration").records())
                .allMatch(r -> r.source() == Source.IMPORTED);

        ImportReport again = register.importCsv(crmExport(tag), ImportOptions.customerContacts(false));

        assertThat(again.count(Status.VALID)).isZero();
        assertThat(again.lines().get(0).status()).isEqualTo(Status.DUPLICATE);
        assertThat(again.lines().get(0).subject()).isEqualTo(created.id());
        assertThat(register.findByEmail(tag + Canaries.EMAIL)).hasSize(1);
    }

    @Test
    void anImportMeetingTheAddressOfAPersonErasedAtTheirRequestFlagsTheLineAndDoesNotBringThemBack() {
        // Issue 20, item 8 (GDPR Art. 17): the erased person's address is on the suppression list (hashes only).
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String email = "gone." + tag + Canaries.EMAIL;
        SubjectId erased = register.register(new NewSubject(null, java.util.Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-administration", Source.SUBJECT, null, PersonalData.contact(Canaries.NAME, email, null)));
        register.erase(erased);
        String csv = """
                name;email;phone;company;org_number;title
                %s;%s;;Kanarifugl AS;923609016;
                Ny Person;ny.%s@example.no;;Kanarifugl AS;923609016;
                """.formatted(Canaries.NAME, email.toUpperCase(java.util.Locale.ROOT), tag);

        ImportReport dry = register.importCsv(csv, ImportOptions.customerContacts(true));
        assertThat(dry.lines()).extracting(ImportReport.Line::status).containsExactly(Status.ERASED_BEFORE, Status.VALID);
        ImportReport applied = register.importCsv(csv, ImportOptions.customerContacts(false));
        assertThat(applied.lines()).extracting(ImportReport.Line::status).containsExactly(Status.ERASED_BEFORE, Status.VALID);
        assertThat(applied.lines().get(0).subject()).isNull();
        assertThat(register.findByEmail(email)).as("not registered again").isEmpty();
        assertThat(register.findByEmail("ny." + tag + "@example.no")).hasSize(1);
    }

    @Test
    void consentBasedKindsAreRefusedPerLine() {
        // S4: prospects only after consent; an import cannot bypass it.
        String tag = UUID.randomUUID().toString().substring(0, 6);
        ImportReport report = register.importCsv(crmExport(tag),
                new ImportOptions(SubjectKind.PROSPECT, "prospect-dialogue", false));

        assertThat(report.lines()).allMatch(l -> l.status() == Status.CONSENT_REQUIRED);
        assertThat(register.findByEmail(tag + Canaries.EMAIL)).isEmpty();
    }

    @Test
    void theApiImportsCsvAsADryRunByDefault() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        mvc.perform(post("/api/v1/subjects/import").header("Authorization", Tokens.bearer(tokens, ApiScope.SUBJECTS_WRITE))
                .contentType("text/csv").content(crmExport(tag).replace(';', ',').getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.dryRun").value(true))
                .andExpect(jsonPath("$.lines[0].status").value("VALID"))
                .andExpect(jsonPath("$.lines[2].status").value("INVALID"));
        assertThat(register.findByEmail(tag + Canaries.EMAIL)).isEmpty();
    }
}
