package no.vern.requests;

import org.springframework.modulith.NamedInterface;

/** What a case asks of the connected systems. */
@NamedInterface("spi")
public enum Operation {
    /** Find and export everything held about the person (Art. 15, Art. 20). */
    ACCESS,
    /** Erase (delete, null or mask as each system is configured) (Art. 17). */
    ERASE,
    /** Search again after an erasure and report what is left (verifiable erasure). */
    VERIFY_ERASED
}
