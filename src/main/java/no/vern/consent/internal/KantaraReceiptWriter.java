package no.vern.consent.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import no.vern.consent.ConsentLedger;
import no.vern.consent.ConsentReceiptDocument;
import no.vern.consent.KantaraReceipt;
import no.vern.consent.KantaraReceipts;
import no.vern.processing.Activity;
import no.vern.processing.DataCategory;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.RecipientStatement;
import no.vern.processing.Recipients;

/**
 * Writes the Kantara Consent Receipt v1.1 shape from the ledger's own receipt ({@link ConsentLedger#receipt}, which
 * audits the read) and the record version the person was shown: the same consent in a second format, so nothing
 * here is decided twice. Third parties are the purpose's recipients that are not processors (GDPR Art. 4(10));
 * sensitivity comes from the record's special-category flag (Arts. 9 and 10).
 */
@Service
class KantaraReceiptWriter implements KantaraReceipts {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private final ConsentLedger ledger;
    private final ProcessingRecord record;
    private final MessageSource messages;

    private final Recipients recipients;

    KantaraReceiptWriter(ConsentLedger ledger, ProcessingRecord record, MessageSource messages, Recipients recipients) {
        this.recipients = recipients;
        this.ledger = ledger;
        this.record = record;
        this.messages = messages;
    }

    @Override
    public KantaraReceipt receipt(UUID receiptId) {
        ConsentReceiptDocument receipt = ledger.receipt(receiptId);
        Locale language = Locale.forLanguageTag(receipt.language());
        ProcessingRecordDocument current = record.current().document();
        int version = receipt.notice().version();
        ProcessingRecordDocument shown = version == 0 ? current : record.version(version).orElse(record.current()).document();
        String method = messages.getMessage("consent.channel." + receipt.channel().name(), null, language);
        String termination = receipt.expiresAt() == null
                ? messages.getMessage("consent.kantara.termination", new Object[] { receipt.withdrawal().url() }, language)
                : messages.getMessage("consent.kantara.termination-expires", new Object[] { receipt.withdrawal().url(),
                        DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(language)
                                .format(receipt.expiresAt().atZone(OSLO)) }, language);
        return of(receipt, shown, current, method, termination, a -> recipients.of(shown, a, language));
    }

    /**
     * The Kantara shape of {@code receipt}; {@code shown} is the record version of its notice, {@code recipientsOf}
     * who receives an activity's data ({@link Recipients}: the vendor register and the record's other recipients).
     */
    static KantaraReceipt of(ConsentReceiptDocument receipt, ProcessingRecordDocument shown,
            ProcessingRecordDocument current, String collectionMethod, String termination,
            Function<Activity, List<RecipientStatement>> recipientsOf) {
        Locale language = Locale.forLanguageTag(receipt.language());
        ConsentReceiptDocument.Controller c = receipt.controller();
        KantaraReceipt.PiiController controller = new KantaraReceipt.PiiController(c.name(), false,
                shown.dataProtectionOfficer().name(),
                c.address() == null ? null : new KantaraReceipt.Address(c.address(), receipt.jurisdiction()), c.email(),
                c.phone(), c.website());
        List<KantaraReceipt.Service> services = receipt.purposes().stream().map(p -> {
            Activity activity = shown.activityOf(p.key()).or(() -> current.activityOf(p.key())).orElseThrow();
            // Processors and sub-processors act on the controller's behalf (Art. 28): not third parties (Art. 4(10)).
            List<String> thirdParties = recipientsOf.apply(activity).stream().filter(r -> !r.kind().needsAgreement())
                    .map(RecipientStatement::name).toList();
            KantaraReceipt.ServicePurpose purpose = new KantaraReceipt.ServicePurpose(p.name(), List.of(p.key()),
                    receipt.consentType(), p.dataCategories().stream().map(ConsentReceiptDocument.DataCategoryEntry::name)
                            .toList(),
                    true, termination, !thirdParties.isEmpty(),
                    thirdParties.isEmpty() ? null : thirdParties.stream().collect(Collectors.joining("; ")));
            return new KantaraReceipt.Service(activity.name().in(language), List.of(purpose));
        }).toList();
        List<String> special = receipt.purposes().stream().flatMap(p -> p.dataCategories().stream())
                .filter(d -> shown.dataCategory(d.key()).or(() -> current.dataCategory(d.key()))
                        .map(DataCategory::inSpecialCategory).orElse(false))
                .map(ConsentReceiptDocument.DataCategoryEntry::name).distinct().toList();
        return new KantaraReceipt(KantaraReceipt.VERSION, receipt.jurisdiction(), receipt.timestamp().getEpochSecond(),
                collectionMethod, receipt.receiptId().toString(), receipt.language(), receipt.piiPrincipalId(),
                List.of(controller), receipt.policyUrl(), services, !special.isEmpty(), special);
    }
}
