package no.vern.vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.shared.VernClock;

/** The vendor pages render in both languages, keep refused input, and show a blocking transfer with its accept form. */
@SpringBootTest
@AutoConfigureMockMvc
class VendorConsoleTests {

    static final RequestPostProcessor OFFICER = user("officer").roles("PRIVACY_OFFICER");
    static final RequestPostProcessor AUDITOR = user("auditor").roles("AUDITOR");

    @Autowired
    MockMvc mvc;
    @Autowired
    VendorRegister vendors;

    @AfterEach
    void removeEveryVendor() {
        no.vern.vendors.internal.SeededVendors.removeAddedVendors(vendors);
    }

    String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aMigratedProcessorShowsItsProvenanceAsNotesAndItsUnknownNoticePeriodAndReviewAsGaps() throws Exception {
        // Art. 28(2), Art. 5(2): what nobody recorded is said to be unrecorded; provenance is not a security measure.
        Vendor moved = vendors.create(new VendorInput("Gammel leverandør AS", VendorRole.PROCESSOR, null, null,
                List.of("customers"), List.of("email"), "", null, null, null,
                "Moved from the record of processing (version 3, migration V26_20): [...]"));

        String nb = page(get("/console/vendors/" + moved.id()).with(OFFICER).param("lang", "nb"));
        assertThat(nb).contains("Merknader og opphav", "Moved from the record of processing (version 3",
                "Ikke registrert (står i avtalen)", "Aldri gjennomgått");
        String en = page(get("/console/vendors/" + moved.id()).with(AUDITOR).param("lang", "en"));
        assertThat(en).contains("Notes and provenance", "Not recorded (see the agreement)", "Never reviewed");
        assertThat(page(get("/console").with(OFFICER).param("lang", "en"))).contains(
                "Gammel leverandør AS has never been reviewed",
                "The notice period for new sub-processors of Gammel leverandør AS is not recorded");
    }

    @Test
    void theVendorPageShowsAgreementsAndABlockingTransferWithItsAcceptFormInBothLanguages() throws Exception {
        LocalDate today = LocalDate.now(VernClock.ZONE);
        Vendor crm = vendors.create(new VendorInput("Skyhuset CRM AS", VendorRole.PROCESSOR, null, null,
                List.of("customers"), List.of("email"), "ISO 27001", 30, null, today.plusMonths(6)));
        vendors.addAgreement(crm.id(), "2026-1", today.minusDays(3), today.plusDays(20),
                java.util.EnumSet.of(DpaClause.A_INSTRUCTIONS, DpaClause.C_SECURITY));
        vendors.addTransfer(crm.id(), new TransferInput("IN", TransferMechanism.NONE, null, null, null, null,
                TiaOutcome.NOT_ASSESSED, null, ""));

        String nb = page(get("/console/vendors/" + crm.id()).with(OFFICER).param("lang", "nb"));
        assertThat(nb).contains("Databehandler", "2026-1", "b) taushetsplikt", "Intet grunnlag",
                "Mangler gyldig grunnlag: hindrer ny versjon av personvernerklæringen", "Aksepter med begrunnelse");
        String en = page(get("/console/vendors/" + crm.id()).with(AUDITOR).param("lang", "en"));
        assertThat(en).contains("Processor", "(b) confidentiality", "No valid mechanism: blocks a new version")
                .doesNotContain("Accept with reason");
        assertThat(page(get("/console/vendors").with(AUDITOR).param("lang", "en")))
                .contains("Skyhuset CRM AS", "1 without a valid mechanism");
    }

    @Test
    void aRefusedVendorKeepsWhatWasTyped() throws Exception {
        String html = page(post("/console/vendors").with(OFFICER).with(csrf()).param("lang", "en")
                .param("name", "Halvferdig AS").param("role", "JOINT_CONTROLLER").param("securityMeasures", "Tilgangsstyring")
                .param("activities", "customers"));
        assertThat(html).contains("value=\"Halvferdig AS\"", "Tilgangsstyring", "a joint controller needs the Art. 26 arrangement");
        assertThat(vendors.vendors()).extracting(Vendor::name).doesNotContain("Halvferdig AS");
    }

    @Test
    void aRefusedVendorSaysWhyPerFieldInNorwegianAndInEnglish() throws Exception {
        List<String> before = vendors.vendors().stream().map(Vendor::name).toList();
        String nb = page(post("/console/vendors").with(OFFICER).with(csrf()).param("lang", "nb")
                .param("name", "").param("role", "JOINT_CONTROLLER").param("subProcessorNoticeDays", "tretti")
                .param("lastReview", "i fjor"));
        assertThat(nb).contains("må fylles ut (høyst 200 tegn)", "en felles behandlingsansvarlig trenger ordningen etter art. 26",
                "velg minst én behandlingsaktivitet fra protokollen", "må være et heltall", "må være en dato (ÅÅÅÅ-MM-DD)")
                .doesNotContain("er ikke gyldig", "is required", "joint controller needs", "must be");

        String en = page(post("/console/vendors").with(OFFICER).with(csrf()).param("lang", "en")
                .param("name", "").param("role", "JOINT_CONTROLLER").param("subProcessorNoticeDays", "thirty"));
        assertThat(en).contains("is required (at most 200 characters)", "a joint controller needs the Art. 26 arrangement",
                "name at least one activity of the record", "must be a whole number").doesNotContain("må fylles ut");
        assertThat(vendors.vendors()).extracting(Vendor::name).as("nothing was stored")
                .containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aRefusedAgreementAndADuplicateVendorAreSaidInThePagesLanguage() throws Exception {
        LocalDate today = LocalDate.now(VernClock.ZONE);
        Vendor crm = vendors.create(new VendorInput("Skyhuset CRM AS", VendorRole.PROCESSOR, null, null,
                List.of("customers"), List.of("email"), "ISO 27001", 30, null, today.plusMonths(6)));

        String nb = page(post("/console/vendors/" + crm.id() + "/agreements").with(OFFICER).with(csrf()).param("lang", "nb")
                .param("version", "2026-1").param("signedOn", "i går"));
        assertThat(nb).contains("må være en dato (ÅÅÅÅ-MM-DD)").doesNotContain("must be a date");
        String future = page(post("/console/vendors/" + crm.id() + "/agreements").with(OFFICER).with(csrf()).param("lang", "nb")
                .param("version", "2026-1").param("signedOn", today.plusDays(2).toString()));
        assertThat(future).contains("kan ikke være fram i tid: registrer avtalen når den er signert");
        String en = page(post("/console/vendors/" + crm.id() + "/agreements").with(OFFICER).with(csrf()).param("lang", "en")
                .param("version", "2026-1").param("signedOn", ""));
        assertThat(en).contains("is required").doesNotContain("må fylles ut");
        assertThat(vendors.agreements(crm.id())).isEmpty();

        String duplicate = page(post("/console/vendors").with(OFFICER).with(csrf()).param("lang", "nb")
                .param("name", "Skyhuset CRM AS").param("role", "PROCESSOR").param("subProcessorNoticeDays", "30")
                .param("activities", "customers"));
        assertThat(duplicate).contains("En leverandør med dette navnet er allerede registrert.");
    }
}
