package no.vern.register;

import org.jspecify.annotations.Nullable;

/**
 * The organisation a contact belongs to, as entered; not personal data (S2), stored in plain form.
 *
 * @param name company name
 * @param orgNumber Norwegian organisation number (nine digits, mod-11), if known
 * @param businessAddress business address, one line
 */
public record OrganisationInput(String name, @Nullable String orgNumber, @Nullable String businessAddress) {
}
