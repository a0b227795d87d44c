package no.vern.vendors;

/** The derogations for specific situations (GDPR Art. 49(1)(a)-(g)). */
public enum Derogation {
    /** Art. 49(1)(a): explicit consent after being informed of the risks. */
    A_EXPLICIT_CONSENT,
    /** Art. 49(1)(b): necessary for a contract with the data subject. */
    B_CONTRACT_WITH_SUBJECT,
    /** Art. 49(1)(c): necessary for a contract in the data subject's interest. */
    C_CONTRACT_IN_SUBJECT_INTEREST,
    /** Art. 49(1)(d): important reasons of public interest. */
    D_PUBLIC_INTEREST,
    /** Art. 49(1)(e): legal claims. */
    E_LEGAL_CLAIMS,
    /** Art. 49(1)(f): vital interests where consent cannot be given. */
    F_VITAL_INTERESTS,
    /** Art. 49(1)(g): from a public register. */
    G_PUBLIC_REGISTER
}
