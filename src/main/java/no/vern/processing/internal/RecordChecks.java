package no.vern.processing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import no.vern.processing.Activity;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.RecipientStatement;
import no.vern.processing.RecordWarning;

/** Finds the gaps the privacy officer must close: lawful to save, but not yet a kept promise. */
final class RecordChecks {

    private RecordChecks() {
    }

    /** The gaps of a version of the record, with the vendor register's recipients (null: no register). */
    static List<RecordWarning> of(ProcessingRecordDocument doc, @Nullable List<RecipientStatement> vendors) {
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
            // GDPR Art. 28(3): a processor works under a binding agreement; the vendor register says whether one
            // is in force today (signed, not expired). Transfers are checked by the vendor register (Art. 44).
            for (RecipientStatement recipient : RecordRecipients.of(activity, vendors, Locale.forLanguageTag("nb"))) {
                if (recipient.missingAgreement()) {
                    warnings.add(new RecordWarning(RecordWarning.Kind.PROCESSOR_WITHOUT_AGREEMENT, activity.id(),
                            recipient.name()));
                }
            }
        }
        return List.copyOf(warnings);
    }
}
