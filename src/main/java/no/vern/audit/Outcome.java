package no.vern.audit;

/** How an audited action ended. */
public enum Outcome {
    /** The action was carried out. */
    SUCCESS,
    /** The action was refused by a rule (authorisation, purpose, consent, rate limit). */
    DENIED,
    /** The action was attempted and failed. */
    FAILURE
}
