package no.vern.vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import no.vern.processing.PolicyText;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.RecordVersion;
import no.vern.processing.RecordWarning;
import no.vern.processing.TransfersUnresolved;
import no.vern.shared.AttentionItem;
import no.vern.shared.InvalidInput;
import no.vern.shared.VernClock;

/**
 * The vendor register against the record and the policy (issue 26 items 1-2): the attention list, the record's
 * transfer warning and the publishing gate, and the policy's transfer section generated from exactly what is
 * registered. Runs in the processing tests' context (real clock); every vendor is removed after each test.
 */
@SpringBootTest
@AutoConfigureMockMvc
class VendorRegisterTests {

    @Autowired
    VendorRegister vendors;
    @Autowired
    ProcessingRecord record;
    @Autowired
    List<AttentionItem.Source> attention;

    @AfterEach
    void removeEveryVendor() {
        // Sub-processors first: a processor that engages one cannot be removed.
        no.vern.vendors.internal.SeededVendors.removeAddedVendors(vendors);
    }

    static LocalDate today() {
        return LocalDate.now(VernClock.ZONE);
    }

    Vendor processor(String name) {
        return vendors.create(new VendorInput(name, VendorRole.PROCESSOR, null, null, List.of("customers"),
                List.of("name", "email"), "ISO 27001, encryption at rest", 30, today().minusMonths(2),
                today().plusMonths(10)));
    }

    Vendor subProcessor(String name, Vendor parent) {
        return vendors.create(new VendorInput(name, VendorRole.SUB_PROCESSOR, parent.id(), null, List.of("customers"),
                List.of("email"), "SOC 2", null, null, today().plusMonths(10)));
    }

    static TransferInput without(String country) {
        return new TransferInput(country, TransferMechanism.NONE, null, null, null, null, TiaOutcome.NOT_ASSESSED, null, "");
    }

    List<AttentionItem> items() {
        return attention.stream().flatMap(s -> s.items().stream()).filter(i -> i.source().equals("vendors")).toList();
    }

    @Test
    void anAgreementExpiringIn20DaysAppearsOnTheAttentionList() {
        Vendor crm = processor("Skyhuset CRM AS");
        vendors.addAgreement(crm.id(), "2025-3", today().minusYears(1), today().plusDays(20),
                EnumSet.allOf(DpaClause.class));

        assertThat(items()).filteredOn(i -> i.titleArgs().contains("Skyhuset CRM AS")).singleElement()
                .satisfies(i -> {
                    assertThat(i.titleKey()).isEqualTo("vendors.attention.agreementExpiring");
                    assertThat(i.titleArgs()).containsExactly("Skyhuset CRM AS", "2025-3", today().plusDays(20).toString());
                    assertThat(i.link()).isEqualTo("/console/vendors/" + crm.id());
                });
    }

    @Test
    void aNewerAgreementWithoutEndClearsTheExpiringOne() {
        Vendor crm = processor("Skyhuset CRM AS");
        vendors.addAgreement(crm.id(), "2025-3", today().minusYears(1), today().plusDays(20), EnumSet.allOf(DpaClause.class));
        vendors.addAgreement(crm.id(), "2026-1", today(), null, EnumSet.allOf(DpaClause.class));

        assertThat(items()).noneMatch(i -> i.titleArgs().contains("Skyhuset CRM AS"));
        assertThat(vendors.agreementInForce(crm.id())).get().extracting(Agreement::version).isEqualTo("2026-1");
    }

    @Test
    void aSubProcessorInAThirdCountryWithoutAMechanismIsARecordWarningAndBlocksPublishingUntilAccepted() {
        Vendor crm = processor("Skyhuset CRM AS");
        Vendor support = subProcessor("Kundestøtte Global Ltd", crm);
        Transfer india = vendors.addTransfer(support.id(), without("IN"));

        assertThat(record.warnings()).filteredOn(w -> w.kind() == RecordWarning.Kind.TRANSFER_WITHOUT_MECHANISM)
                .singleElement().satisfies(w -> {
                    assertThat(w.subject()).isEqualTo("Kundestøtte Global Ltd (IN)");
                    assertThat(w.activity()).isEqualTo("customers");
                });
        RecordVersion before = record.current();
        // GDPR Art. 44: no new policy version while the transfer has no ground.
        assertThatThrownBy(() -> record.update(before.version(), before.document(), "Ny versjon av erklæringen"))
                .isInstanceOfSatisfying(TransfersUnresolved.class, e -> assertThat(e.count()).isEqualTo(1));
        assertThat(record.current().version()).isEqualTo(before.version());

        assertThatThrownBy(() -> vendors.accept(support.id(), india.id(), " ")).isInstanceOf(InvalidInput.class);
        Transfer accepted = vendors.accept(support.id(), india.id(),
                "Kontrakten avsluttes i januar; leverandøren byttes ut, og SCC er til signering");

        assertThat(accepted.accepted()).isTrue();
        assertThat(record.warnings()).noneMatch(w -> w.kind() == RecordWarning.Kind.TRANSFER_WITHOUT_MECHANISM);
        assertThat(record.update(before.version(), before.document(), "Ny versjon av erklæringen").version())
                .isEqualTo(before.version() + 1);
    }

    @Test
    void resolvingTheMechanismClearsTheWarning() {
        Vendor crm = processor("Skyhuset CRM AS");
        Transfer us = vendors.addTransfer(crm.id(), without("US"));
        assertThat(record.warnings()).anyMatch(w -> w.kind() == RecordWarning.Kind.TRANSFER_WITHOUT_MECHANISM);

        vendors.updateTransfer(crm.id(), us.id(), new TransferInput("US", TransferMechanism.STANDARD_CONTRACTUAL_CLAUSES,
                SccModule.CONTROLLER_TO_PROCESSOR, null, null, null, TiaOutcome.EFFECTIVE_WITH_MEASURES, today(),
                "Kryptering med nøkler i EØS"));

        assertThat(record.warnings()).noneMatch(w -> w.kind() == RecordWarning.Kind.TRANSFER_WITHOUT_MECHANISM);
    }

    @Test
    void thePolicysTransferSectionListsExactlyTheRegisteredTransfersInNorwegianAndEnglish() {
        Vendor crm = processor("Skyhuset CRM AS");
        vendors.addTransfer(crm.id(), new TransferInput("US", TransferMechanism.DATA_PRIVACY_FRAMEWORK, null,
                today().plusMonths(8), today(), null, TiaOutcome.NOT_NEEDED, null, ""));
        Vendor support = subProcessor("Kundestøtte Global Ltd", crm);
        Transfer india = vendors.addTransfer(support.id(), new TransferInput("IN",
                TransferMechanism.STANDARD_CONTRACTUAL_CLAUSES, SccModule.PROCESSOR_TO_PROCESSOR, null, null, null,
                TiaOutcome.EFFECTIVE_WITH_MEASURES, today(), "Pseudonymisering før overføring"));

        assertThat(transferItems(Locale.forLanguageTag("nb"))).containsExactly(
                "Kundestøtte Global Ltd – India: EU-kommisjonens standard personvernbestemmelser (2021/914, modul 3 "
                        + "(databehandler til databehandler)) (art. 46).",
                "Skyhuset CRM AS – USA: mottakeren er sertifisert under EU–US Data Privacy Framework (art. 45).");
        assertThat(transferItems(Locale.ENGLISH)).containsExactly(
                "Kundestøtte Global Ltd – India: the European Commission's standard contractual clauses (2021/914, "
                        + "module three (processor to processor)) (Art. 46).",
                "Skyhuset CRM AS – United States: the recipient is certified under the EU–US Data Privacy Framework (Art. 45).");
        assertThat(activityTransferLine(Locale.ENGLISH)).contains("Skyhuset CRM AS (United States)")
                .contains("Kundestøtte Global Ltd (India)");

        vendors.deleteTransfer(support.id(), india.id());
        assertThat(transferItems(Locale.ENGLISH)).singleElement().asString().startsWith("Skyhuset CRM AS – United States");
    }

    @Test
    void withNothingRegisteredThePolicySaysNoDataLeavesTheEea() {
        PolicyText policy = record.policy(Locale.ENGLISH);
        PolicyText.Section section = policy.sections().stream().filter(s -> s.id().equals("transfers")).findFirst()
                .orElseThrow();
        assertThat(section.items()).isEmpty();
        assertThat(section.paragraphs()).containsExactly("We do not transfer personal data to countries outside the EU/EEA.");
    }

    @Test
    void aVendorForAnActivityTheRecordDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> vendors.create(new VendorInput("Ukjent AS", VendorRole.PROCESSOR, null, null,
                List.of("astrology"), List.of(), "", 30, null, null)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                        .anyMatch(f -> f.field().equals("activities")));
    }

    @Test
    void aSubProcessorMustNameARegisteredProcessor() {
        assertThatThrownBy(() -> vendors.create(new VendorInput("Løs AS", VendorRole.SUB_PROCESSOR, UUID.randomUUID(),
                null, List.of("customers"), List.of(), "", null, null, null)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                        .anyMatch(f -> f.field().equals("parentId")));
    }

    List<String> transferItems(Locale locale) {
        return record.policy(locale).sections().stream().filter(s -> s.id().equals("transfers")).findFirst()
                .orElseThrow().items();
    }

    String activityTransferLine(Locale locale) {
        PolicyText.Section processing = record.policy(locale).sections().stream()
                .filter(s -> s.id().equals("processing")).findFirst().orElseThrow();
        return processing.subsections().stream().filter(s -> s.id().equals("activity-customers")).findFirst().orElseThrow()
                .items().stream().filter(i -> i.startsWith("Transfers to countries outside the EU/EEA")).findFirst()
                .orElseThrow();
    }
}
