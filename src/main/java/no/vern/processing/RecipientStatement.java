package no.vern.processing;

import java.util.List;

/**
 * One recipient of an activity's data as Vern states it everywhere (the policy, the notices, the Art. 30 export, the
 * consent receipt, the access export and the Art. 19 tasks), already in the reader's language: a company from the
 * vendor register, with the agreement and transfers registered there, or a non-vendor recipient of the record.
 *
 * @param name who receives the data
 * @param kind its relation to the controller
 * @param vendor whether it is a company of the vendor register (else a non-vendor recipient of the record)
 * @param agreementInPlace for a processor or sub-processor: whether a data processing agreement is in force today
 *        (signed and not expired); always false for other kinds
 * @param activities ids of the record's activities whose data it receives
 * @param dataCategories keys of the data categories it receives (for a non-vendor recipient: its activity's)
 * @param transfers its registered transfers outside the EU/EEA, with their ground in words
 */
public record RecipientStatement(String name, RecipientKind kind, boolean vendor, boolean agreementInPlace,
        List<String> activities, List<String> dataCategories, List<TransferStatement> transfers) {

    public RecipientStatement {
        activities = List.copyOf(activities);
        dataCategories = List.copyOf(dataCategories);
        transfers = List.copyOf(transfers);
    }

    /** A processor or sub-processor without an agreement in force (GDPR Art. 28(3)). */
    public boolean missingAgreement() {
        return kind.needsAgreement() && !agreementInPlace;
    }
}
