package no.vern.processing;

/**
 * How long one module keeps the data of a purpose, as it enforces it (see {@link RetentionStatements}).
 *
 * @param purposeKey the purpose of the record
 * @param text one sentence in the page's language, without a final full stop, e.g. "Name, Email: as long as the
 *        agreement runs, and 3 months after it ended"
 */
public record RetentionStatement(String purposeKey, String text) {

    public RetentionStatement {
        if (purposeKey.isBlank() || text.isBlank()) {
            throw new IllegalArgumentException("A retention statement names a purpose and says something");
        }
    }
}
