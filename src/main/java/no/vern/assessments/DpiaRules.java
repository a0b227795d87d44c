package no.vern.assessments;

import java.util.Set;

/** When a DPIA is required and when the supervisory authority must be consulted (GDPR Arts. 35, 36). One rule, one place. */
public final class DpiaRules {

    /** WP248 rev.01: "in most cases, ... two criteria" make a DPIA required. */
    public static final int CRITERIA_THRESHOLD = 2;

    private DpiaRules() {
    }

    /**
     * Art. 35(1), (3), (4): a DPIA is required when the processing is on Datatilsynet's list or in Art. 35(3), or
     * meets two or more of the EDPB criteria.
     */
    public static boolean required(Set<ListedProcessing> listed, Set<EdpbCriterion> criteria) {
        return !listed.isEmpty() || criteria.size() >= CRITERIA_THRESHOLD;
    }

    /** Art. 36(1): prior consultation when the DPIA finds a high risk that the measures do not mitigate. */
    public static boolean consultationRequired(RiskLevel residualRisk) {
        return residualRisk == RiskLevel.HIGH;
    }

    /**
     * The level of one risk from likelihood × severity, each on a scale of 1 (remote/minimal) to 4 (maximum/
     * significant), as in the CNIL's and Datatilsynet's risk matrices: 1-3 low, 4-8 medium, 9-16 high.
     */
    public static RiskLevel level(int likelihood, int severity) {
        int score = likelihood * severity;
        return score >= 9 ? RiskLevel.HIGH : score >= 4 ? RiskLevel.MEDIUM : RiskLevel.LOW;
    }
}
