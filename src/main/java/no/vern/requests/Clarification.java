package no.vern.requests;

/** What a handler asks the person for before the case can go on. */
public enum Clarification {
    /**
     * Information to confirm the person's identity (GDPR Art. 12(6)); the one-month period runs from the
     * answer (EDPB Guidelines 01/2022), so the due date moves to one month after it when that is later.
     */
    IDENTITY,
    /** Which data or processing the request covers (recital 63); the period keeps running. */
    SCOPE
}
