package no.vern.processing;

import org.jspecify.annotations.Nullable;

/**
 * A recipient of an activity's data that is not a company in the vendor register (GDPR Art. 30(1)(d)): a public
 * authority such as the tax authority, or a category such as "the auditor". Processors, sub-processors and other
 * companies that receive data are registered in the vendor register instead, with their agreement and transfers
 * (one source: {@link Recipients}); the record refuses a recipient of kind processor.
 *
 * <p>Versions of the record written before the vendor register held a country, a third-country flag, a safeguard
 * and an "agreement in place" flag here; they moved to the vendor register (migration {@code V26_20}). Stored versions
 * are read without them; a client that still sends them is refused with a field error that points to
 * {@code /api/v1/vendors} ({@code processing.internal.MovedRecipientMembers}).
 *
 * @param name who receives the data (a category, e.g. "tax authorities (when the law requires it)")
 * @param kind independent controller or authority (null only in unvalidated input)
 */
public record Recipient(LocalizedText name, @Nullable RecipientKind kind) {
}
