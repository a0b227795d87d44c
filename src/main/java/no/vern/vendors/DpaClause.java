package no.vern.vendors;

/** What a data processing agreement must stipulate (GDPR Art. 28(3)(a)-(h)), each checked off on the agreement. */
public enum DpaClause {
    /** Art. 28(3)(a): processes only on documented instructions, including as regards transfers. */
    A_INSTRUCTIONS,
    /** Art. 28(3)(b): persons authorised to process are bound by confidentiality. */
    B_CONFIDENTIALITY,
    /** Art. 28(3)(c): takes the security measures of Art. 32. */
    C_SECURITY,
    /** Art. 28(3)(d): engages sub-processors only as Art. 28(2) and (4) allow. */
    D_SUB_PROCESSORS,
    /** Art. 28(3)(e): assists with the data subjects' rights. */
    E_SUBJECT_RIGHTS,
    /** Art. 28(3)(f): assists with Arts. 32-36 (security, breaches, DPIAs, prior consultation). */
    F_ASSISTANCE,
    /** Art. 28(3)(g): deletes or returns all data at the end of the services. */
    G_DELETION,
    /** Art. 28(3)(h): makes information available and allows audits. */
    H_AUDITS
}
