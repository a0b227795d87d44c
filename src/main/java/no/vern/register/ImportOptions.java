package no.vern.register;

import no.vern.processing.SubjectKind;

/**
 * How to import a CSV file: the kind and purpose every row gets, and whether to store anything.
 *
 * @param kind the kind of every imported subject (customer contacts by default)
 * @param purpose the purpose every record is held for
 * @param dryRun report only, store nothing
 */
public record ImportOptions(SubjectKind kind, String purpose, boolean dryRun) {

    /** Customer contacts for customer administration (the CRM export case). */
    public static ImportOptions customerContacts(boolean dryRun) {
        return new ImportOptions(SubjectKind.CUSTOMER_CONTACT, "customer-administration", dryRun);
    }
}
