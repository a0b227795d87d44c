package no.vern.breach;

/** Why the people affected by a high-risk breach need not be told individually (GDPR Art. 34(3)). */
public enum NoticeException {
    /** Art. 34(3)(a): the data was unintelligible to anyone not authorised, e.g. encrypted. */
    DATA_UNINTELLIGIBLE,
    /** Art. 34(3)(b): later measures ensure the high risk is no longer likely to materialise. */
    RISK_REMOVED,
    /** Art. 34(3)(c): it would involve disproportionate effort; a public notice is used instead. */
    DISPROPORTIONATE_EFFORT
}
