package no.vern.requests;

/** What a data subject asks for (GDPR Arts. 15–21, and a question to the privacy officer). */
public enum RequestKind {
    /** Art. 15: a copy of the data and the information about its processing. */
    ACCESS,
    /** Art. 16: correct inaccurate data. */
    RECTIFICATION,
    /** Art. 17: erase the data. */
    ERASURE,
    /** Art. 18: restrict processing (storage only). */
    RESTRICTION,
    /** Art. 21: object to processing based on legitimate interest or for direct marketing. */
    OBJECTION,
    /** Art. 20: the data provided on consent or contract, in a machine-readable format. */
    PORTABILITY,
    /** Art. 7(3): withdraw a consent. */
    WITHDRAW_CONSENT,
    /** A question to the privacy officer. */
    QUESTION
}
