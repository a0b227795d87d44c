package no.vern.register;

/** Where a personal-data record came from (S3, GDPR Art. 14 needs the source when it is not the subject). */
public enum Source {
    /** Given by the person. */
    SUBJECT,
    /** Given by the customer or partner the person works for. */
    CUSTOMER,
    /** Entered through a seminar, course or event form. */
    EVENT_FORM,
    /** Imported from another system (CRM export). */
    IMPORTED;

    /** Whether data from this source came from someone other than the person (GDPR Art. 14 instead of Art. 13). */
    public boolean fromOthers() {
        return this == CUSTOMER || this == IMPORTED;
    }
}
