package no.vern.register;

import java.util.Set;

import no.vern.shared.SubjectId;

/**
 * SPI (issue 20, item 7): what the register erases for one purpose (consent withdrawal or expiry, a retention
 * purge, an event purge) must also be erased in the connected systems that hold that purpose. The register
 * calls this inside the erasure's transaction, with the identifiers it read just before deleting them, so the
 * implementation (the requests module, through its connected systems) can start durable ERASE steps that
 * commit with the erasure. Called only when something was erased and an identifier is known.
 */
public interface ErasurePropagation {

    /**
     * Records erased for a purpose; start erasing it in the systems that hold the purpose.
     *
     * @param subject the subject
     * @param purposeKey the purpose
     * @param emails the subject's email addresses (normalised), personal data: never log them
     * @param phones the subject's phone numbers (E.164)
     */
    void erasedForPurpose(SubjectId subject, String purposeKey, Set<String> emails, Set<String> phones);
}
