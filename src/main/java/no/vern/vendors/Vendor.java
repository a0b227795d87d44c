package no.vern.vendors;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A company that receives personal data from the company (GDPR Art. 30(1)(d)): its role, what it receives,
 * how it protects it and when it was last reviewed.
 *
 * @param id stable id
 * @param name the company's name (a business, not a person)
 * @param role processor, sub-processor, independent or joint controller
 * @param parentId for a sub-processor: the processor that engages it
 * @param jointArrangement for a joint controller: the essence of the Art. 26 arrangement
 * @param activities ids of the record's activities whose data it receives
 * @param dataCategories keys of the record's data categories it receives
 * @param securityMeasures its technical and organisational measures (Art. 28(1), Art. 32)
 * @param subProcessorNoticeDays for a processor: days of notice before it changes sub-processors (Art. 28(2))
 * @param lastReview when it was last reviewed
 * @param nextReview when it must be reviewed next
 * @param updatedAt when the entry last changed
 * @param notes notes and provenance (where an entry came from, e.g. the old record of processing), never measures
 */
public record Vendor(UUID id, String name, VendorRole role, @Nullable UUID parentId, @Nullable String jointArrangement,
        List<String> activities, List<String> dataCategories, String securityMeasures,
        @Nullable Integer subProcessorNoticeDays, @Nullable LocalDate lastReview, @Nullable LocalDate nextReview,
        Instant updatedAt, String notes) {

    public Vendor {
        activities = List.copyOf(activities);
        dataCategories = List.copyOf(dataCategories);
    }

    /** Whether the vendor has never been reviewed (no review date recorded at all). */
    public boolean neverReviewed() {
        return lastReview == null;
    }

    /** Whether a processor's notice period for sub-processor changes (Art. 28(2)) is not recorded. */
    public boolean noticeNotRecorded() {
        return role == VendorRole.PROCESSOR && subProcessorNoticeDays == null;
    }

    /** Whether the next review date has passed on {@code today}. */
    public boolean reviewOverdue(LocalDate today) {
        return nextReview != null && nextReview.isBefore(today);
    }
}
