package no.vern.retention;

/** What happened that starts (or restarts) a retention clock. */
public enum ClockEventKind {
    /** The agreement with an organisation ended (per organisation; its contacts' clocks start). */
    AGREEMENT_ENDED,
    /** A candidate's recruitment process closed. */
    RECRUITMENT_CLOSED,
    /** The event a participant signed up for was held. */
    EVENT_HELD,
    /** A contact with the person (restarts "after last activity" clocks). */
    LAST_ACTIVITY,
    /** A consent was withdrawn or expired (recorded from the consent module's events). */
    CONSENT_ENDED
}
