package no.vern.vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.processing.Activity;
import no.vern.processing.LocalizedText;
import no.vern.processing.PolicyText;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.Recipient;
import no.vern.processing.RecipientKind;
import no.vern.processing.RecordExports;
import no.vern.processing.RecordVersion;
import no.vern.processing.RecordWarning;
import no.vern.shared.InvalidInput;
import no.vern.shared.VernClock;
import no.vern.vendors.internal.SeededVendors;

/**
 * Issue 26 item 1, one source of recipients: the companies that receive an activity's data are the vendors that name
 * the activity, with the agreement in force and the transfers registered for them; the policy (nb and en), the record's
 * warnings and the Art. 30 export (CSV and the printable report) say exactly that, and the record refuses to keep a
 * processor of its own. Runs in the vendor tests' context; the vendors a test adds are removed after it.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RecipientsFromVendorRegisterTests {

    private static final Locale NB = Locale.forLanguageTag("nb");

    @Autowired
    VendorRegister vendors;
    @Autowired
    ProcessingRecord record;
    @Autowired
    RecordExports exports;
    @Autowired
    MockMvc mvc;

    static final RequestPostProcessor OFFICER = user("officer").roles("PRIVACY_OFFICER");

    @AfterEach
    void removeAddedVendors() {
        SeededVendors.removeAddedVendors(vendors);
    }

    static LocalDate today() {
        return LocalDate.now(VernClock.ZONE);
    }

    Vendor processorOf(String name, String activity) {
        return vendors.create(new VendorInput(name, VendorRole.PROCESSOR, null, null, List.of(activity),
                List.of("name", "ip-address"), "Encryption at rest", 30, null, null));
    }

    @Test
    void aVendorAddedToAnActivityIsARecipientInThePolicyInBothLanguagesAndInTheArt30Export() {
        Vendor vendor = processorOf("Analysehuset AS", "website");
        vendors.addAgreement(vendor.id(), "2026-1", today().minusMonths(1), null, EnumSet.allOf(DpaClause.class));

        assertThat(recipientLine("activity-website", NB)).isEqualTo("Mottakere: Analysehuset AS (databehandler); Fjordhost AS (databehandler).");
        assertThat(recipientLine("activity-website", Locale.ENGLISH))
                .isEqualTo("Recipients: Analysehuset AS (processor); Fjordhost AS (processor).");
        assertThat(recipientLine("activity-customers", Locale.ENGLISH)).doesNotContain("Analysehuset AS");
        assertThat(whoReceives(Locale.ENGLISH).items()).contains("Analysehuset AS (processor).");
        // Every processor has an agreement in force: the policy may promise written agreements.
        assertThat(whoReceives(Locale.ENGLISH).paragraphs().get(0)).contains("under a written agreement with us");

        RecordVersion current = record.current();
        assertThat(csvRow(exports.csv(current, Locale.ENGLISH), "website-statistics"))
                .contains("Analysehuset AS – processor, data processing agreement in place");
        assertThat(csvRow(exports.csv(current, NB), "website-statistics"))
                .contains("Analysehuset AS – databehandler, databehandleravtale på plass");
        assertThat(exports.html(current, record.warnings(), Locale.ENGLISH, false))
                .contains("Analysehuset AS – processor, data processing agreement in place");

        vendors.delete(vendor.id());
        assertThat(recipientLine("activity-website", Locale.ENGLISH)).isEqualTo("Recipients: Fjordhost AS (processor).");
        assertThat(exports.csv(record.current(), Locale.ENGLISH)).doesNotContain("Analysehuset AS");
    }

    @Test
    void aVendorWhoseAgreementExpiredHasNoAgreementInPlaceInTheRecordAndTheExport() {
        Vendor vendor = processorOf("Utløpt Drift AS", "website");
        vendors.addAgreement(vendor.id(), "2024-1", today().minusYears(2), today().minusDays(1),
                EnumSet.allOf(DpaClause.class));

        assertThat(record.warnings()).contains(new RecordWarning(RecordWarning.Kind.PROCESSOR_WITHOUT_AGREEMENT,
                "website", "Utløpt Drift AS"));
        RecordVersion current = record.current();
        assertThat(csvRow(exports.csv(current, Locale.ENGLISH), "website-statistics"))
                .contains("Utløpt Drift AS – processor, no agreement in place")
                .contains("Fjordhost AS – processor, data processing agreement in place");
        assertThat(csvRow(exports.csv(current, NB), "website-statistics"))
                .contains("Utløpt Drift AS – databehandler, ingen databehandleravtale på plass");
        assertThat(exports.html(current, record.warnings(), Locale.ENGLISH, false))
                .contains("Utløpt Drift AS – processor, no agreement in place");
        // The policy no longer promises that every processor works under a written agreement.
        assertThat(whoReceives(Locale.ENGLISH).paragraphs().get(0)).doesNotContain("written agreement");

        // A new agreement in force ends the warning: nothing about the agreement is typed into the record.
        vendors.addAgreement(vendor.id(), "2026-1", today(), null, EnumSet.allOf(DpaClause.class));
        assertThat(record.warnings()).noneMatch(w -> w.subject().equals("Utløpt Drift AS"));
        assertThat(whoReceives(Locale.ENGLISH).paragraphs().get(0)).contains("under a written agreement with us");
    }

    @Test
    void changingTheVendorsTransferCountryChangesThePolicysRecipientText() {
        Vendor vendor = processorOf("Skylager Ltd", "website");
        vendors.addAgreement(vendor.id(), "2026-1", today(), null, EnumSet.allOf(DpaClause.class));
        Transfer transfer = vendors.addTransfer(vendor.id(), new TransferInput("GB", TransferMechanism.ADEQUACY, null,
                null, null, null, TiaOutcome.NOT_NEEDED, null, ""));
        assertThat(recipientLine("activity-website", Locale.ENGLISH)).contains("Skylager Ltd (processor)",
                "transferred to a country outside the EU/EEA (United Kingdom)");
        assertThat(recipientLine("activity-website", NB)).contains("Skylager Ltd (databehandler)", "Storbritannia");

        vendors.updateTransfer(vendor.id(), transfer.id(), new TransferInput("CH", TransferMechanism.ADEQUACY, null,
                null, null, null, TiaOutcome.NOT_NEEDED, null, ""));
        assertThat(recipientLine("activity-website", Locale.ENGLISH))
                .contains("transferred to a country outside the EU/EEA (Switzerland)").doesNotContain("United Kingdom");
        assertThat(csvRow(exports.csv(record.current(), Locale.ENGLISH), "website-statistics"))
                .contains("Skylager Ltd, Switzerland: ");
    }

    @Test
    void theRecordRefusesAProcessorOfItsOwnSoNothingIsTypedTwice() {
        RecordVersion before = record.current();
        Activity website = before.document().activity("website").orElseThrow();
        List<Recipient> recipients = new ArrayList<>(website.recipients());
        recipients.add(new Recipient(new LocalizedText("Analyseverktøy", "Analytics tool"), RecipientKind.PROCESSOR));
        Activity changed = new Activity(website.id(), website.name(), website.description(), website.purposes(),
                website.subjects(), website.dataCategories(), website.source(), recipients, website.security());

        assertThatThrownBy(() -> record.update(before.version(), before.document().withActivity(changed), "Analytics"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                        .anyMatch(f -> f.field().endsWith(".kind") && f.message().contains("vendor register")));
        assertThat(record.current().version()).isEqualTo(before.version());
    }

    @Test
    void theActivityPageShowsTheVendorsWithTheirAgreementAndTheFormAsksOnlyForNonVendorRecipients() throws Exception {
        Vendor vendor = processorOf("Utløpt Drift AS", "website");
        vendors.addAgreement(vendor.id(), "2024-1", today().minusYears(2), today().minusDays(1),
                EnumSet.allOf(DpaClause.class));

        String page = mvc.perform(get("/console/processing/activities/website").with(OFFICER).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Fjordhost AS", "Utløpt Drift AS", "the vendor register", "no agreement in place",
                "data processing agreement in place", "href=\"/console/vendors\"");

        String form = mvc.perform(get("/console/processing/activities/customers/edit").with(OFFICER).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains("value=\"CONTROLLER\"", "value=\"AUTHORITY\"")
                .doesNotContain("value=\"PROCESSOR\"", "agreementInPlace", "thirdCountryTransfer", "safeguardNb",
                        ".country\"");
    }

    private PolicyText.Section whoReceives(Locale locale) {
        return record.policy(locale).sections().stream().filter(s -> s.id().equals("recipients")).findFirst()
                .orElseThrow();
    }

    private String recipientLine(String activitySection, Locale locale) {
        String prefix = locale.getLanguage().equals("en") ? "Recipients: " : "Mottakere: ";
        return record.policy(locale).sections().stream().filter(s -> s.id().equals("processing")).findFirst()
                .orElseThrow().subsections().stream().filter(s -> s.id().equals(activitySection)).findFirst()
                .orElseThrow().items().stream().filter(i -> i.startsWith(prefix)).findFirst().orElseThrow();
    }

    private static String csvRow(String csv, String purposeKey) {
        return java.util.Arrays.stream(csv.split("\r\n")).filter(l -> l.contains("," + purposeKey + ","))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + purposeKey));
    }
}
