package no.vern.assessments;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import no.vern.shared.InvalidInput;

/**
 * What a DPIA says (GDPR Art. 35(7)); each change is a new version.
 *
 * @param title a short name
 * @param description systematic description of the processing and its purposes (Art. 35(7)(a))
 * @param necessity necessity and proportionality in relation to the purposes (Art. 35(7)(b))
 * @param risks the risks with likelihood and severity (Art. 35(7)(c))
 * @param measures the measures envisaged overall (Art. 35(7)(d))
 * @param residualRisk the risk that remains after the measures
 * @param dpoAdvice the DPO's advice (Art. 35(2))
 * @param decision what the controller decided
 * @param decisionNote why
 * @param consultedOn when Datatilsynet was consulted (Art. 36), if it was
 * @param reviewOn when the assessment is reviewed next (Art. 35(11))
 */
public record DpiaContent(String title, String description, String necessity, List<Risk> risks, String measures,
        @Nullable RiskLevel residualRisk, String dpoAdvice, @Nullable DpiaDecision decision, String decisionNote,
        @Nullable LocalDate consultedOn, @Nullable LocalDate reviewOn) {

    public DpiaContent {
        title = title == null ? "" : title.strip();
        description = description == null ? "" : description.strip();
        necessity = necessity == null ? "" : necessity.strip();
        risks = risks == null ? List.of() : List.copyOf(risks);
        measures = measures == null ? "" : measures.strip();
        dpoAdvice = dpoAdvice == null ? "" : dpoAdvice.strip();
        decisionNote = decisionNote == null ? "" : decisionNote.strip();
    }

    /** Art. 36(1): whether prior consultation is needed. */
    public boolean consultationRequired() {
        return residualRisk != null && DpiaRules.consultationRequired(residualRisk);
    }

    /** Throws {@link InvalidInput} with every missing or wrong field. */
    public void validate() {
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        required(errors, "title", title, 200);
        required(errors, "description", description, 20000);
        required(errors, "necessity", necessity, 20000);
        required(errors, "measures", measures, 20000);
        if (dpoAdvice.length() > 20000) {
            errors.add(InvalidInput.FieldError.coded("dpoAdvice", "must be at most 20000 characters", "error.field.tooLong", "20000"));
        }
        if (risks.isEmpty()) {
            errors.add(InvalidInput.FieldError.coded("risks", "name at least one risk (Art. 35(7)(c))", "assessments.error.risks"));
        }
        for (int i = 0; i < risks.size(); i++) {
            Risk r = risks.get(i);
            if (r.description().isEmpty() || r.likelihood() < 1 || r.likelihood() > 4 || r.severity() < 1
                    || r.severity() > 4) {
                errors.add(InvalidInput.FieldError.coded("risks[" + i + "]", "needs a description, a likelihood and a severity from 1 to 4", "assessments.error.risk"));
            }
        }
        if (residualRisk == null) {
            errors.add(InvalidInput.FieldError.coded("residualRisk", "is required", "error.field.required"));
        }
        if (decision == null) {
            errors.add(InvalidInput.FieldError.coded("decision", "is required (PENDING until decided)", "error.field.choose"));
        } else if (decision == DpiaDecision.PROCEED && consultationRequired()) {
            // Art. 36(1): with a high residual risk the processing waits for the prior consultation.
            errors.add(InvalidInput.FieldError.coded("decision", "a high residual risk requires prior consultation with Datatilsynet before the processing starts", "assessments.error.consultationRequired"));
        }
        if (decision != null && decision != DpiaDecision.PENDING && dpoAdvice.isEmpty()) {
            // Art. 35(2): the controller seeks the DPO's advice before it decides.
            errors.add(InvalidInput.FieldError.coded("dpoAdvice", "record the DPO's advice before the decision", "assessments.error.dpoAdvice"));
        }
        if (reviewOn == null) {
            errors.add(InvalidInput.FieldError.coded("reviewOn", "set a review date (Art. 35(11))", "assessments.error.reviewOn"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    private static void required(List<InvalidInput.FieldError> errors, String field, String value, int max) {
        if (value.isEmpty()) {
            errors.add(InvalidInput.FieldError.coded(field, "is required", "error.field.required"));
        } else if (value.length() > max) {
            errors.add(InvalidInput.FieldError.coded(field, "must be at most " + max + " characters", "error.field.tooLong",
                    String.valueOf(max)));
        }
    }
}
