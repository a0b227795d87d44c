package no.vern.register;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import no.vern.shared.SubjectId;

/**
 * SPI (issue 20, item 7): what the register erases for one purpose (consent withdrawal or expiry, a retention
 * purge, an event purge) must also be erased in the connected systems that hold that purpose. The register
 * calls this inside the erasure's transaction, with the identifiers it read just before deleting them, so the
 * implementation (the requests module, through its connected systems) can start durable ERASE steps that
 * commit with the erasure. Called only when something was erased and an identifier is known; once per erasure, or
 * once per batch of a retention purge (issue 28 item 8).
 */
public interface ErasurePropagation {

    /**
     * One subject's records erased for one purpose.
     *
     * @param subject the subject
     * @param purposeKey the purpose
     * @param emails the subject's email addresses (normalised), personal data: never log them
     * @param phones the subject's phone numbers (E.164)
     */
    record PurposeErased(SubjectId subject, String purposeKey, Set<String> emails, Set<String> phones) {

        public PurposeErased {
            emails = Set.copyOf(emails);
            phones = Set.copyOf(phones);
        }

        @Override
        public String toString() {
            return "PurposeErased[" + subject + ", " + purposeKey + ", " + emails.size() + " emails, " + phones.size()
                    + " phones]";
        }
    }

    /**
     * Which of these purposes a connected system holds: an erasure for any other purpose has nothing to propagate, so
     * the register does not even read the identifiers for it.
     */
    Set<String> propagated(Collection<String> purposeKeys);

    /** Records erased for purposes; start erasing them in the systems that hold each purpose, in order. */
    void erasedForPurposes(List<PurposeErased> erased);
}
