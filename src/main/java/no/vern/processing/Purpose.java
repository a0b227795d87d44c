package no.vern.processing;

import org.jspecify.annotations.Nullable;

/**
 * Why data is processed: the stable key that the register, consent and retention modules use,
 * with its legal basis and whether providing the data is mandatory (S3, S8).
 *
 * @param key stable identifier, e.g. {@code customer-administration}
 * @param name short name
 * @param description what the data is used for, in plain language
 * @param legalBasis the lawful basis, or null while the record is incomplete (the console warns)
 * @param legalBasisNote why the basis applies (e.g. which agreement)
 * @param mandatory whether the person must provide the data (e.g. to deliver and invoice)
 * @param retention how long data is kept, or null while incomplete (the console warns)
 */
public record Purpose(String key, LocalizedText name, LocalizedText description, @Nullable LegalBasis legalBasis,
        @Nullable LocalizedText legalBasisNote, boolean mandatory, @Nullable Retention retention) {
}
