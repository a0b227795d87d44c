package no.vern.register.internal;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import no.vern.register.PostalAddress;
import no.vern.shared.Rejected;

/**
 * Validates postal addresses (street, postcode, city, country; Norwegian postcodes are four digits)
 * and stores them as four lines.
 */
final class PostalAddresses {

    private PostalAddresses() {
    }

    static PostalAddress normalise(PostalAddress raw) {
        String given = raw.country();
        String country = given == null || blank(given) ? "NO" : given.strip().toUpperCase(Locale.ROOT);
        if (!country.matches("[A-Z]{2}")) {
            throw new Rejected("has an invalid country code (ISO 3166 alpha-2)", "error.field.country");
        }
        String street = Text.line(raw.street(), 200, "has no street");
        String city = Text.line(raw.city(), 100, "has no city");
        String postcode = raw.postcode() == null ? "" : raw.postcode().strip().toUpperCase(Locale.ROOT);
        boolean valid = country.equals("NO") ? postcode.matches("\\d{4}") : postcode.matches("[A-Z0-9][A-Z0-9 -]{1,9}");
        if (!valid) {
            throw new Rejected("has an invalid postcode", "error.field.postcode");
        }
        return new PostalAddress(street, postcode, city, country);
    }

    /** The stored form: street, postcode, city and country on four lines. */
    static String format(PostalAddress address) {
        return address.street() + "\n" + address.postcode() + "\n" + address.city() + "\n" + address.country();
    }

    /** The stored form read back. */
    static PostalAddress parse(String stored) {
        String[] lines = stored.split("\n", -1);
        return new PostalAddress(lines[0], lines.length > 1 ? lines[1] : "", lines.length > 2 ? lines[2] : "",
                lines.length > 3 ? lines[3] : "NO");
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
