package no.vern.assessments;

/** What the controller decided after the assessment (GDPR Art. 35(7)(d), Art. 24). */
public enum DpiaDecision {
    /** Not decided yet: the processing must not start. */
    PENDING,
    /** The processing goes ahead with the measures. */
    PROCEED,
    /** The processing goes ahead only after prior consultation (Art. 36). */
    PROCEED_AFTER_CONSULTATION,
    /** The processing does not go ahead. */
    DO_NOT_PROCEED
}
