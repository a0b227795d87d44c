package no.vern.vendors;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The vendor register (GDPR Arts. 26, 28, 44-49): who receives the company's data, under which agreement, and where
 * it goes outside the EU/EEA. Every change is audited with opaque ids only.
 */
public interface VendorRegister {

    /** All vendors, by name. */
    List<Vendor> vendors();

    /** One vendor. */
    Optional<Vendor> vendor(UUID id);

    /** Adds a vendor; {@link no.vern.shared.InvalidInput} for wrong fields, {@link no.vern.shared.Conflict} for a taken name. */
    Vendor create(VendorInput input);

    /** Changes a vendor; {@link no.vern.shared.NotFound} if it does not exist. */
    Vendor update(UUID id, VendorInput input);

    /** Removes a vendor with its agreements and transfers; refused while it engages sub-processors. */
    void delete(UUID id);

    /** Records that the vendor was reviewed on {@code on} and when the next review is due. */
    Vendor reviewed(UUID id, LocalDate on, LocalDate next);

    /** The agreements with a vendor, newest first. */
    List<Agreement> agreements(UUID vendorId);

    /** The agreement in force: the newest signed one. */
    Optional<Agreement> agreementInForce(UUID vendorId);

    /** Records a signed data processing agreement (Art. 28(3), (9): in writing). */
    Agreement addAgreement(UUID vendorId, String version, LocalDate signedOn, @Nullable LocalDate expiresOn,
            Set<DpaClause> clauses);

    /** Removes an agreement registered in error. */
    void deleteAgreement(UUID vendorId, UUID agreementId);

    /** Every registered transfer. */
    List<Transfer> transfers();

    /** The transfers of one vendor. */
    List<Transfer> transfers(UUID vendorId);

    /** Registers a transfer of a vendor; a changed mechanism clears an earlier acceptance. */
    Transfer addTransfer(UUID vendorId, TransferInput input);

    /** Changes a transfer; a changed transfer must be accepted again if it still has no valid mechanism. */
    Transfer updateTransfer(UUID vendorId, UUID transferId, TransferInput input);

    /** Removes a transfer. */
    void deleteTransfer(UUID vendorId, UUID transferId);

    /**
     * The privacy officer accepts a transfer without a valid mechanism with a reason (it stops blocking the policy,
     * stays on the record with the reason); {@link no.vern.shared.InvalidInput} without a reason.
     */
    Transfer accept(UUID vendorId, UUID transferId, String reason);

    /** Whether a transfer has a valid mechanism today (the clock's date). */
    boolean hasValidMechanism(Transfer transfer);
}
