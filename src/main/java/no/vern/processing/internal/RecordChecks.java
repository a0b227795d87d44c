package no.vern.processing.internal;

import java.util.ArrayList;
import java.util.List;

import no.vern.processing.Activity;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.Recipient;
import no.vern.processing.RecipientKind;
import no.vern.processing.RecordWarning;

/** Finds the gaps the privacy officer must close: lawful to save, but not yet a kept promise. */
final class RecordChecks {

    private RecordChecks() {
    }

    static List<RecordWarning> of(ProcessingRecordDocument doc) {
        List<RecordWarning> warnings = new ArrayList<>();
        for (Activity activity : doc.activities()) {
            for (Purpose purpose : activity.purposes()) {
                // S13, GDPR Art. 5(1)(e): nothing kept longer than needed, so every purpose needs a rule.
                if (purpose.retention() == null || purpose.retention().description().nb().isBlank()) {
                    warnings.add(new RecordWarning(RecordWarning.Kind.PURPOSE_WITHOUT_RETENTION, activity.id(),
                            purpose.key()));
                }
            }
            // GDPR Art. 6(1): data may only be processed under a purpose with a legal basis.
            boolean anyBasis = activity.purposes().stream().anyMatch(p -> p.legalBasis() != null);
            if (!anyBasis) {
                for (String category : activity.dataCategories()) {
                    warnings.add(new RecordWarning(RecordWarning.Kind.CATEGORY_WITHOUT_LEGAL_BASIS, activity.id(),
                            category));
                }
            }
            for (Recipient recipient : activity.recipients()) {
                // GDPR Art. 28(3): a processor works under a binding agreement.
                if (recipient.kind() == RecipientKind.PROCESSOR && !recipient.agreementInPlace()) {
                    warnings.add(new RecordWarning(RecordWarning.Kind.PROCESSOR_WITHOUT_AGREEMENT, activity.id(),
                            recipient.name().nb()));
                }
                // GDPR Art. 44-46: a transfer outside the EU/EEA needs a safeguard.
                if (recipient.thirdCountryTransfer()
                        && (recipient.safeguard() == null || recipient.safeguard().nb().isBlank())) {
                    warnings.add(new RecordWarning(RecordWarning.Kind.TRANSFER_WITHOUT_SAFEGUARD, activity.id(),
                            recipient.name().nb()));
                }
            }
        }
        return List.copyOf(warnings);
    }
}
