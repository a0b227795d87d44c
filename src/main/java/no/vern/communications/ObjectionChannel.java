package no.vern.communications;

/** How an objection reached Vern. */
public enum ObjectionChannel {
    /** The RFC 8058 one-click POST from the mail client. */
    ONE_CLICK,
    /** The unsubscribe page behind the link. */
    PAGE,
    /** Recorded by staff (e.g. a reply to the privacy mailbox). */
    STAFF
}
