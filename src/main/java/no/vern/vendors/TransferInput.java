package no.vern.vendors;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import no.vern.shared.InvalidInput;

/**
 * A transfer as entered; {@link #validate()} checks that what the mechanism needs is there.
 *
 * @param country ISO 3166-1 alpha-2 code
 * @param mechanism the Chapter V ground
 * @param sccModule the SCC module
 * @param dpfCertifiedUntil the DPF re-certification due date
 * @param dpfCheckedOn when the DPF list was checked
 * @param derogation the Art. 49(1) point
 * @param tiaOutcome the assessment's outcome
 * @param tiaOn when it was assessed
 * @param supplementaryMeasures the measures relied on
 */
public record TransferInput(String country, @Nullable TransferMechanism mechanism, @Nullable SccModule sccModule,
        @Nullable LocalDate dpfCertifiedUntil, @Nullable LocalDate dpfCheckedOn, @Nullable Derogation derogation,
        @Nullable TiaOutcome tiaOutcome, @Nullable LocalDate tiaOn, String supplementaryMeasures) {

    public TransferInput {
        country = country == null ? "" : country.strip();
        supplementaryMeasures = supplementaryMeasures == null ? "" : supplementaryMeasures.strip();
    }

    /** The validated country code; throws {@link InvalidInput} with every wrong field. */
    public String validate() {
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        String code = "";
        try {
            code = Countries.code(country);
            // Art. 44: only a destination outside the EU/EEA is a transfer.
            if (Countries.insideEea(code)) {
                errors.add(InvalidInput.FieldError.coded("country", "is inside the EU/EEA: not a transfer", "vendors.error.insideEea"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(InvalidInput.FieldError.coded("country", "must be an ISO 3166-1 alpha-2 code such as US", "vendors.error.country"));
        }
        if (mechanism == null) {
            errors.add(InvalidInput.FieldError.coded("mechanism", "is required (NONE when there is none)", "error.field.choose"));
        } else {
            switch (mechanism) {
                case STANDARD_CONTRACTUAL_CLAUSES -> {
                    if (sccModule == null) {
                        errors.add(InvalidInput.FieldError.coded("sccModule", "name the module of the 2021/914 clauses", "vendors.error.sccModule"));
                    }
                }
                case DATA_PRIVACY_FRAMEWORK -> {
                    if (!code.isEmpty() && !"US".equals(code)) {
                        errors.add(InvalidInput.FieldError.coded("mechanism", "the Data Privacy Framework covers the United States only", "vendors.error.dpfUsOnly"));
                    }
                    if (dpfCertifiedUntil == null || dpfCheckedOn == null) {
                        errors.add(InvalidInput.FieldError.coded("dpfCertifiedUntil", "give the certification's re-certification date and when the DPF list was checked", "vendors.error.dpfDates"));
                    }
                }
                case DEROGATION -> {
                    if (derogation == null) {
                        errors.add(InvalidInput.FieldError.coded("derogation", "name the point of Art. 49(1)", "vendors.error.derogation"));
                    }
                }
                case ADEQUACY -> {
                    if (!code.isEmpty() && !Countries.adequate(code)) {
                        errors.add(InvalidInput.FieldError.coded("mechanism", "no adequacy decision covers this country", "vendors.error.noAdequacy"));
                    }
                }
                default -> {
                }
            }
        }
        if (tiaOutcome == TiaOutcome.EFFECTIVE_WITH_MEASURES && supplementaryMeasures.isEmpty()) {
            errors.add(InvalidInput.FieldError.coded("supplementaryMeasures", "name the supplementary measures relied on", "vendors.error.supplementaryMeasures"));
        }
        if (supplementaryMeasures.length() > 4000) {
            errors.add(InvalidInput.FieldError.coded("supplementaryMeasures", "must be at most 4000 characters", "error.field.tooLong", "4000"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return code;
    }
}
