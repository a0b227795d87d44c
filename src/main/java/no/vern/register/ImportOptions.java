package no.vern.register;

import no.vern.processing.SubjectKind;

/**
 * How to import a CSV file: the kind and purpose every row gets, and whether to store anything.
 *
 * @param kind the kind of every imported subject (customer contacts by default)
 * @param purpose the purpose every record is held for
 * @param dryRun report only, store nothing
 * @param language the language to write to the imported people in ({@code nb} or {@code en}) where the file has no
 *        {@code language} column (the Art. 14 notice goes out in it)
 */
public record ImportOptions(SubjectKind kind, String purpose, boolean dryRun, String language) {

    public ImportOptions {
        if (!language.equals("nb") && !language.equals("en")) {
            throw new no.vern.shared.InvalidInput("language", "must be nb or en", "error.field.language");
        }
    }

    /** Options for people written to in Norwegian unless the file says otherwise. */
    public ImportOptions(SubjectKind kind, String purpose, boolean dryRun) {
        this(kind, purpose, dryRun, SubjectRegistered.DEFAULT_LANGUAGE);
    }

    /** Customer contacts for customer administration (the CRM export case). */
    public static ImportOptions customerContacts(boolean dryRun) {
        return new ImportOptions(SubjectKind.CUSTOMER_CONTACT, "customer-administration", dryRun);
    }

    /** Customer contacts written to in {@code language} unless the file says otherwise. */
    public static ImportOptions customerContacts(boolean dryRun, String language) {
        return new ImportOptions(SubjectKind.CUSTOMER_CONTACT, "customer-administration", dryRun, language);
    }
}
