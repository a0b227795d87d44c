package no.vern.vendors;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.shared.InvalidInput;

/**
 * A vendor as entered on the console or through the API; {@link #validate()} collects every field error at once.
 *
 * @param name the company's name
 * @param role its role
 * @param parentId the engaging processor (sub-processors only)
 * @param jointArrangement the Art. 26 arrangement (joint controllers only)
 * @param activities ids of activities of the record
 * @param dataCategories keys of data categories of the record
 * @param securityMeasures its security measures
 * @param subProcessorNoticeDays notice period for sub-processor changes (processors)
 * @param lastReview last review
 * @param nextReview next review
 * @param notes notes and provenance (not security measures); empty when there are none
 */
public record VendorInput(String name, @Nullable VendorRole role, @Nullable UUID parentId,
        @Nullable String jointArrangement, List<String> activities, List<String> dataCategories,
        String securityMeasures, @Nullable Integer subProcessorNoticeDays, @Nullable LocalDate lastReview,
        @Nullable LocalDate nextReview, String notes) {

    /** A vendor without notes. */
    public VendorInput(String name, @Nullable VendorRole role, @Nullable UUID parentId,
            @Nullable String jointArrangement, List<String> activities, List<String> dataCategories,
            String securityMeasures, @Nullable Integer subProcessorNoticeDays, @Nullable LocalDate lastReview,
            @Nullable LocalDate nextReview) {
        this(name, role, parentId, jointArrangement, activities, dataCategories, securityMeasures,
                subProcessorNoticeDays, lastReview, nextReview, "");
    }

    public VendorInput {
        name = name == null ? "" : name.strip();
        jointArrangement = jointArrangement == null || jointArrangement.isBlank() ? null : jointArrangement.strip();
        activities = activities == null ? List.of() : activities.stream().map(String::strip).filter(s -> !s.isEmpty())
                .distinct().toList();
        dataCategories = dataCategories == null ? List.of()
                : dataCategories.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        securityMeasures = securityMeasures == null ? "" : securityMeasures.strip();
        notes = notes == null ? "" : notes.strip();
    }

    /** Throws {@link InvalidInput} with every field that is wrong. */
    public void validate() {
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (name.isEmpty() || name.length() > 200) {
            errors.add(InvalidInput.FieldError.coded("name", "is required (at most 200 characters)", "error.field.requiredAtMost", "200"));
        }
        if (role == null) {
            errors.add(InvalidInput.FieldError.coded("role", "is required", "error.field.required"));
        } else {
            // Art. 28(2), (4): a sub-processor is engaged by a processor.
            if (role == VendorRole.SUB_PROCESSOR && parentId == null) {
                errors.add(InvalidInput.FieldError.coded("parentId", "a sub-processor names the processor that engages it", "vendors.error.parentRequired"));
            }
            if (role != VendorRole.SUB_PROCESSOR && parentId != null) {
                errors.add(InvalidInput.FieldError.coded("parentId", "only a sub-processor has an engaging processor", "vendors.error.parentNotAllowed"));
            }
            // Art. 26(1): joint controllers determine their responsibilities by an arrangement.
            if (role == VendorRole.JOINT_CONTROLLER && jointArrangement == null) {
                errors.add(InvalidInput.FieldError.coded("jointArrangement", "a joint controller needs the Art. 26 arrangement", "vendors.error.jointArrangement"));
            }
            // A processor's notice period (Art. 28(2)) is what its agreement says; left empty it is "not recorded"
            // and listed as a gap on the attention list, never a number made up here.
        }
        if (subProcessorNoticeDays != null && (subProcessorNoticeDays < 0 || subProcessorNoticeDays > 365)) {
            errors.add(InvalidInput.FieldError.coded("subProcessorNoticeDays", "must be between 0 and 365 days", "error.field.daysBetween", "0", "365"));
        }
        if (activities.isEmpty()) {
            errors.add(InvalidInput.FieldError.coded("activities", "name at least one activity of the record", "vendors.error.activities"));
        }
        if (securityMeasures.length() > 4000) {
            errors.add(InvalidInput.FieldError.coded("securityMeasures", "must be at most 4000 characters", "error.field.tooLong", "4000"));
        }
        if (notes.length() > 8000) {
            errors.add(InvalidInput.FieldError.coded("notes", "must be at most 8000 characters", "error.field.tooLong", "8000"));
        }
        if (lastReview != null && nextReview != null && nextReview.isBefore(lastReview)) {
            errors.add(InvalidInput.FieldError.coded("nextReview", "must not be before the last review", "vendors.error.nextBeforeLast"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }
}
