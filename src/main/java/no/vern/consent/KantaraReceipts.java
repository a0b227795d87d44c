package no.vern.consent;

import java.util.UUID;

/** Consent receipts in the Kantara Consent Receipt v1.1 shape, for systems that read that format. */
public interface KantaraReceipts {

    /** The receipt of a consent event in the Kantara shape; NotFound for an unknown id. */
    KantaraReceipt receipt(UUID receiptId);
}
