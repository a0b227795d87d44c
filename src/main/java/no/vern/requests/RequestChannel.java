package no.vern.requests;

/** How a request reached the company; the deadline runs from receipt in any channel (Art. 12(3)). */
public enum RequestChannel {
    WEB_FORM, EMAIL, LETTER, PHONE, IN_PERSON, API
}
