package no.vern.processing;

/**
 * How a recipient relates to the controller. The record itself names only {@link #CONTROLLER} and {@link #AUTHORITY}
 * recipients that are not companies in the vendor register; the processor kinds come from the vendor register.
 */
public enum RecipientKind {
    /** Processes data on the controller's behalf (GDPR Art. 28); needs an agreement. Vendor register only. */
    PROCESSOR,
    /** Engaged by a processor (GDPR Art. 28(2), (4)); bound by the same obligations. Vendor register only. */
    SUB_PROCESSOR,
    /** Receives data and decides its own purposes. */
    CONTROLLER,
    /** Decides purposes and means together with the controller (GDPR Art. 26). Vendor register only. */
    JOINT_CONTROLLER,
    /** A public authority such as Datatilsynet or the tax authorities. */
    AUTHORITY;

    /** Whether Art. 28 applies, so an agreement must be in force (Art. 28(3), (4)). */
    public boolean needsAgreement() {
        return this == PROCESSOR || this == SUB_PROCESSOR;
    }

    /** Whether the record of processing itself may name a recipient of this kind (the others are vendors). */
    public boolean allowedInRecord() {
        return this == CONTROLLER || this == AUTHORITY;
    }
}
