package no.vern.processing;

/** The kinds of data subjects the controller processes data about (S1); one person can be several. */
public enum SubjectKind {
    CUSTOMER_CONTACT, CUSTOMER_EMPLOYEE, PROSPECT, CANDIDATE, PARTNER_CONTACT, EVENT_PARTICIPANT,
    NEWSLETTER_RECIPIENT, WEBSITE_USER
}
