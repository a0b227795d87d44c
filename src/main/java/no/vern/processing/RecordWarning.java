package no.vern.processing;

/**
 * Something in the record that needs the privacy officer's attention (issue 5, item 6).
 *
 * @param kind what is missing
 * @param activity the activity concerned
 * @param subject the purpose key, data category key or recipient name concerned
 */
public record RecordWarning(Kind kind, String activity, String subject) {

    /** The checks the console shows. */
    public enum Kind {
        /** A purpose has no retention period (S13). */
        PURPOSE_WITHOUT_RETENTION,
        /** A data category is processed under no purpose with a legal basis (GDPR Art. 6). */
        CATEGORY_WITHOUT_LEGAL_BASIS,
        /** A processor of the vendor register has no data processing agreement in force (GDPR Art. 28(3)). */
        PROCESSOR_WITHOUT_AGREEMENT,
        /**
         * A registered transfer (vendor register) has no valid mechanism and was not accepted with a reason
         * (GDPR Art. 44); blocks a new record version. {@code activity} lists the activities, {@code subject} names
         * the recipient and country.
         */
        TRANSFER_WITHOUT_MECHANISM
    }
}
