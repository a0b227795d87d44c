package no.vern.assessments;

/** How high a risk to people's rights and freedoms is (GDPR Recitals 75-76). */
public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH
}
