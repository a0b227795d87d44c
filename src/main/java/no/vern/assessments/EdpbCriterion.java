package no.vern.assessments;

/**
 * The nine criteria of the EDPB-endorsed guidelines on DPIA (WP248 rev.01, III.B.a): processing meeting two or more
 * is likely to result in a high risk and needs a DPIA.
 */
public enum EdpbCriterion {
    /** 1. Evaluation or scoring, including profiling and predicting. */
    EVALUATION_OR_SCORING,
    /** 2. Automated decision-making with legal or similar significant effect. */
    AUTOMATED_DECISIONS,
    /** 3. Systematic monitoring. */
    SYSTEMATIC_MONITORING,
    /** 4. Sensitive data or data of a highly personal nature. */
    SENSITIVE_DATA,
    /** 5. Data processed on a large scale. */
    LARGE_SCALE,
    /** 6. Matching or combining datasets. */
    MATCHING_DATASETS,
    /** 7. Data concerning vulnerable data subjects (employees, children, patients, ...). */
    VULNERABLE_SUBJECTS,
    /** 8. Innovative use or applying new technological or organisational solutions. */
    INNOVATIVE_TECHNOLOGY,
    /** 9. Processing that prevents data subjects from exercising a right or using a service or a contract. */
    PREVENTS_RIGHTS
}
