package no.vern.register;

import java.util.List;

/**
 * SPI: whether an email address belongs to a person erased at their request (GDPR Art. 17), asked by the blind-index
 * hashes of the address only. The register asks it before an import creates a subject, so that a CRM export does not
 * silently bring an erased person back (issue 20, item 8); the communications module, which keeps the suppression
 * list of erased people's addresses, implements it. Without an implementation nothing is flagged.
 */
public interface ErasedAddresses {

    /** Whether any of the hashes is on record as the address of an erased person. */
    boolean erasedBefore(List<byte[]> emailIndexes);
}
