package no.vern.breach;

/** The outcome of the risk assessment: it decides whether Datatilsynet (Art. 33) and the people (Art. 34) are told. */
public enum RiskLevel {
    /** Unlikely to result in a risk: documented only (Art. 33(1), 33(5)). */
    NONE,
    /** A risk to rights and freedoms: notify Datatilsynet within 72 hours (Art. 33(1)). */
    RISK,
    /** A high risk: also tell the people affected (Art. 34(1)). */
    HIGH_RISK
}
