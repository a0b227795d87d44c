package no.vern.register;

import org.jspecify.annotations.Nullable;

/**
 * A postal address as entered (the register validates and normalises it); personal data, so
 * {@code toString()} is masked.
 *
 * @param street street and number
 * @param postcode postcode (four digits in Norway)
 * @param city post town
 * @param country ISO 3166 alpha-2 code, {@code NO} when empty
 */
public record PostalAddress(@Nullable String street, @Nullable String postcode, @Nullable String city,
        @Nullable String country) {

    @Override
    public String toString() {
        return "PostalAddress[***]";
    }
}
