package no.vern.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import no.vern.consent.Channel;
import no.vern.consent.ConsentEventType;
import no.vern.consent.ConsentReceiptDocument;
import no.vern.consent.KantaraReceipt;
import no.vern.processing.Activity;
import no.vern.processing.Contact;
import no.vern.processing.DataCategory;
import no.vern.processing.LegalBasis;
import no.vern.processing.LocalizedText;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.Recipient;
import no.vern.processing.RecipientKind;
import no.vern.processing.RecipientStatement;
import no.vern.processing.SecurityMeasures;

/** The Kantara shape of a receipt takes third parties and sensitivity from the record version the person saw. */
class KantaraReceiptWriterTest {

    @Test
    void recipientsThatAreNotProcessorsAreThirdPartiesAndProcessorsAreNot() {
        ProcessingRecordDocument shown = record(List.of(), false);

        KantaraReceipt.ServicePurpose purpose = KantaraReceiptWriter.of(receipt(), shown, shown, "Skjema", "Til du trekker det",
                a -> List.of(recipient("Databehandler AS", RecipientKind.PROCESSOR),
                        recipient("Underleverandør AS", RecipientKind.SUB_PROCESSOR),
                        recipient("Samarbeidspartner AS", RecipientKind.CONTROLLER)))
                .services().get(0).purposes().get(0);

        assertThat(purpose.thirdPartyDisclosure()).isTrue();
        assertThat(purpose.thirdPartyName()).isEqualTo("Samarbeidspartner AS");
    }

    @Test
    void onlyProcessorsMeansNoDisclosureToAThirdParty() {
        ProcessingRecordDocument shown = record(List.of(), false);

        KantaraReceipt.ServicePurpose purpose = KantaraReceiptWriter.of(receipt(), shown, shown, "Skjema", "Til du trekker det",
                a -> List.of(recipient("Databehandler AS", RecipientKind.PROCESSOR)))
                .services().get(0).purposes().get(0);

        assertThat(purpose.thirdPartyDisclosure()).isFalse();
        assertThat(purpose.thirdPartyName()).isNull();
    }

    @Test
    void aSpecialCategoryOfThePurposeMakesTheReceiptSensitiveArt9() {
        ProcessingRecordDocument plain = record(List.of(), false);
        ProcessingRecordDocument special = record(List.of(), true);

        assertThat(KantaraReceiptWriter.of(receipt(), plain, plain, "Skjema", "x", a -> List.of()).sensitive()).isFalse();
        KantaraReceipt sensitive = KantaraReceiptWriter.of(receipt(), special, special, "Skjema", "x", a -> List.of());
        assertThat(sensitive.sensitive()).isTrue();
        assertThat(sensitive.spiCat()).containsExactly("Helseopplysninger");
    }

    private static ConsentReceiptDocument receipt() {
        return new ConsentReceiptDocument(UUID.randomUUID(), ConsentReceiptDocument.FORMAT, Instant.parse("2026-12-07T10:00:00Z"),
                "NO", "nb", UUID.randomUUID().toString(), "EXPRESSED", Channel.WEB_FORM,
                new ConsentReceiptDocument.Controller("Firma AS", "999999999", "Gata 1, 0150 Oslo", "pv@firma.example",
                        "+47 99 99 99 99", null),
                List.of(new ConsentReceiptDocument.PurposeEntry("trial", "Forsøk", "CONSENT", "GDPR Art. 6(1)(a)",
                        List.of(new ConsentReceiptDocument.DataCategoryEntry("email", "E-post"),
                                new ConsentReceiptDocument.DataCategoryEntry("health", "Helseopplysninger")))),
                new ConsentReceiptDocument.Notice(1, "ab".repeat(32), "nb"), null, ConsentEventType.GIVEN,
                new ConsentReceiptDocument.Withdrawal("https://vern.example/samtykke/trekk-tilbake/x", "Åpne lenken"),
                "https://vern.example/personvern");
    }

    private static ProcessingRecordDocument record(List<Recipient> recipients, boolean healthIsSpecial) {
        Purpose purpose = new Purpose("trial", text("Forsøk"), text("Et forsøk"), LegalBasis.CONSENT, null, false, null);
        Activity activity = new Activity("trials", text("Forsøk med kunder"), text("Forsøk"), List.of(purpose), List.of(),
                List.of("email", "health"), text("Den registrerte"), recipients, null);
        return new ProcessingRecordDocument(new Contact("Firma AS", "999999999", "Gata 1", "pv@firma.example", null, null),
                new Contact("Personvernombudet", null, null, "pvo@firma.example", null, null),
                List.of(new DataCategory("email", text("E-post")),
                        new DataCategory("health", text("Helseopplysninger"), healthIsSpecial)),
                List.of(activity), new SecurityMeasures(List.of(), List.of()));
    }

    private static RecipientStatement recipient(String name, RecipientKind kind) {
        return new RecipientStatement(name, kind, true, kind.needsAgreement(), List.of("trials"), List.of("email"), List.of());
    }

    private static LocalizedText text(String nb) {
        return new LocalizedText(nb, nb);
    }
}
