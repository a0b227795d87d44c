package no.vern.vendors;

/** How a vendor stands to the company under the GDPR, which decides what must be agreed with it. */
public enum VendorRole {
    /** Processes data on the company's behalf (Art. 28(1)); needs a data processing agreement (Art. 28(3)). */
    PROCESSOR,
    /** Engaged by a processor with the company's authorisation (Art. 28(2), (4)); bound by the same obligations. */
    SUB_PROCESSOR,
    /** Receives data and decides its own purposes and means (Art. 4(7)); no Art. 28 agreement. */
    INDEPENDENT_CONTROLLER,
    /** Decides purposes and means together with the company (Art. 26(1)); needs an arrangement. */
    JOINT_CONTROLLER;

    /** Whether Art. 28 applies, so an agreement must be in force (Art. 28(3), (4)). */
    public boolean needsAgreement() {
        return this == PROCESSOR || this == SUB_PROCESSOR;
    }
}
