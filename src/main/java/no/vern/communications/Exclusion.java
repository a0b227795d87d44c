package no.vern.communications;

/** Why a subject is not mailed for a list (counted in previews and send reports, never per person in logs). */
public enum Exclusion {
    /** None of the subject's kinds is one the list is for. */
    NOT_IN_AUDIENCE,
    /** No email address held for the list's purpose. */
    NO_EMAIL,
    /** A consent is needed (consent-based purpose, or a prospect, candidate or event participant: S4, S5) and none is in force. */
    NO_CONSENT,
    /** Processing of the person's data is restricted (GDPR Art. 18): kept, not used. */
    RESTRICTED,
    /** The person objected to this list or to all (S7, GDPR Art. 21(3)). */
    OBJECTED,
    /** The person was erased, or an erased person's address came back (suppression list). */
    ERASED,
    /** The address bounced permanently. */
    BOUNCED
}
