package no.vern.vendors;

/** The legal ground of a transfer outside the EU/EEA (GDPR Chapter V). */
public enum TransferMechanism {
    /** Art. 45: the Commission has found the country adequate (see {@link Countries#adequate}). */
    ADEQUACY,
    /** Art. 45, Implementing Decision (EU) 2023/1795: the US recipient is certified under the EU-US Data Privacy Framework. */
    DATA_PRIVACY_FRAMEWORK,
    /** Art. 46(2)(c): standard contractual clauses, Implementing Decision (EU) 2021/914, with a module. */
    STANDARD_CONTRACTUAL_CLAUSES,
    /** Arts. 46(2)(b), 47: binding corporate rules approved by a supervisory authority. */
    BINDING_CORPORATE_RULES,
    /** Art. 49(1): a derogation for a specific situation. */
    DEROGATION,
    /** No mechanism: unlawful unless resolved (Art. 44); shown as a warning until resolved or accepted. */
    NONE
}
