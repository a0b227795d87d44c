package no.vern.communications.internal;

import java.util.List;

import org.springframework.stereotype.Component;

import no.vern.register.ErasedAddresses;

/** The register's question "was this address's person erased?", answered from the suppression list (hashes only). */
@Component
class ErasedAddressCheck implements ErasedAddresses {

    private final Suppressions suppressions;

    ErasedAddressCheck(Suppressions suppressions) {
        this.suppressions = suppressions;
    }

    @Override
    public boolean erasedBefore(List<byte[]> emailIndexes) {
        return suppressions.anyFor(emailIndexes, Suppressions.Reason.ERASED);
    }
}
