package no.vern.processing;

import no.vern.shared.Conflict;

/**
 * A new version of the record (and so of the policy) is refused while a transfer outside the EU/EEA has no valid
 * mechanism and was not accepted with a reason (GDPR Art. 44): resolve it or accept it in the vendor register.
 */
public final class TransfersUnresolved extends Conflict {

    private final int count;

    public TransfersUnresolved(int count) {
        super("transfers-unresolved", "Transfers without a mechanism",
                count + " transfer(s) outside the EU/EEA have no valid mechanism: resolve or accept them in the vendor register before publishing");
        this.count = count;
    }

    /** How many transfers block. */
    public int count() {
        return count;
    }
}
