package no.vern.vendors;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Data a vendor sends or keeps in a country outside the EU/EEA (GDPR Arts. 44-49), with its mechanism and
 * transfer impact assessment.
 *
 * @param id stable id
 * @param vendorId the vendor (processor, sub-processor or controller) that receives or keeps the data there
 * @param country ISO 3166-1 alpha-2 code of the destination, never inside the EU/EEA
 * @param mechanism the Chapter V ground
 * @param sccModule the SCC module (standard contractual clauses only)
 * @param dpfCertifiedUntil the date the vendor's Data Privacy Framework certification is due for re-certification
 *        (DPF only), as found on the DPF list
 * @param dpfCheckedOn when the DPF list was checked
 * @param derogation the Art. 49(1) point (derogations only)
 * @param tiaOutcome outcome of the transfer impact assessment
 * @param tiaOn when the assessment was made
 * @param supplementaryMeasures the measures the assessment relies on (encryption with keys in the EEA, ...)
 * @param acceptedReason why the privacy officer accepted it without a valid mechanism, or null
 * @param acceptedBy who accepted it
 * @param acceptedAt when it was accepted
 */
public record Transfer(UUID id, UUID vendorId, String country, TransferMechanism mechanism, @Nullable SccModule sccModule,
        @Nullable LocalDate dpfCertifiedUntil, @Nullable LocalDate dpfCheckedOn, @Nullable Derogation derogation,
        TiaOutcome tiaOutcome, @Nullable LocalDate tiaOn, String supplementaryMeasures, @Nullable String acceptedReason,
        @Nullable String acceptedBy, @Nullable Instant acceptedAt) {

    /** Whether the privacy officer accepted it on the record with a reason. */
    public boolean accepted() {
        return acceptedReason != null;
    }
}
