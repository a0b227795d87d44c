package no.vern.consent;

/** How a consent or withdrawal reached Vern, so that it can be demonstrated later (GDPR Art. 7(1)). */
public enum Channel {
    /** A form on the company's web site. */
    WEB_FORM,
    /** Signing up for an event. */
    EVENT_SIGNUP,
    /** An email to the privacy mailbox, recorded by staff. */
    EMAIL_TO_PRIVACY_MAILBOX,
    /** A phone call, recorded by staff. */
    PHONE,
    /** Imported from another system. */
    IMPORT,
    /** Another system through the REST API. */
    API,
    /** The one-click withdrawal link of a receipt. */
    WITHDRAWAL_LINK,
    /** Vern itself (expiry). */
    SYSTEM
}
