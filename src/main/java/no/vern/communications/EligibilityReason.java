package no.vern.communications;

/** Why an address may or may not be mailed for a purpose (the eligibility API's answer). */
public enum EligibilityReason {
    /** May be contacted for the purpose. */
    ELIGIBLE,
    /** Known, but neither a consent nor another legal basis for this purpose covers the address. */
    NO_CONSENT,
    /** The person objected (to this purpose's lists or to all). */
    OBJECTED,
    /** The person was erased; the address stays suppressed. */
    ERASED,
    /** Processing of the person's data is restricted (GDPR Art. 18): kept, not used. */
    RESTRICTED,
    /** The address bounced permanently. */
    BOUNCED,
    /** Not a known address (or not a valid one). */
    UNKNOWN
}
