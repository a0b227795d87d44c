package no.vern.processing;

import org.jspecify.annotations.Nullable;

/**
 * A category of recipient of personal data (GDPR Art. 30(1)(d) and (e)), including processors
 * and transfers to countries outside the EU/EEA with their safeguards.
 *
 * @param name who receives the data (a category, e.g. "supplier of the CRM system")
 * @param kind processor, independent controller or authority (null only in unvalidated input)
 * @param country ISO country code or region where the data is processed
 * @param thirdCountryTransfer whether data leaves the EU/EEA
 * @param safeguard the safeguard of a third-country transfer (GDPR Art. 46), null when none is needed
 * @param agreementInPlace whether a data processing agreement (Art. 28) is signed
 */
public record Recipient(LocalizedText name, @Nullable RecipientKind kind, String country, boolean thirdCountryTransfer,
        @Nullable LocalizedText safeguard, boolean agreementInPlace) {
}
