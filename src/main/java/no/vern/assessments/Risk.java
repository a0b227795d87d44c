package no.vern.assessments;

/**
 * One risk to people's rights and freedoms (Art. 35(7)(c)) with the measures against it (Art. 35(7)(d)).
 *
 * @param description what could happen to the people
 * @param likelihood 1 (remote) to 4 (maximum)
 * @param severity 1 (minimal) to 4 (significant)
 * @param measures what is done against it
 */
public record Risk(String description, int likelihood, int severity, String measures) {

    public Risk {
        description = description == null ? "" : description.strip();
        measures = measures == null ? "" : measures.strip();
    }

    /** Likelihood × severity. */
    public int score() {
        return likelihood * severity;
    }

    /** The level of the score. */
    public RiskLevel level() {
        return DpiaRules.level(likelihood, severity);
    }
}
