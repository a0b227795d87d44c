package no.vern.requests;

/** What a case asks of the connected systems. */
public enum Operation {
    /** Find and export everything held about the person (Art. 15, Art. 20). */
    ACCESS,
    /** Erase (delete, null or mask as each system is configured) (Art. 17). */
    ERASE,
    /** Search again after an erasure and report what is left (verifiable erasure). */
    VERIFY_ERASED
}
