package no.vern.shared;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * The one normalisation of phone numbers: Norwegian and international numbers to E.164 (libphonenumber,
 * default region NO; a leading {@code 00} is read as {@code +}).
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
    private static final java.util.regex.Pattern E164 = java.util.regex.Pattern.compile("\\+[1-9][0-9]{3,14}");

    private PhoneNumbers() {
    }

    /** The number in E.164; {@link Rejected} (never echoing the value) when it is not a valid number. */
    public static String normalise(String raw) {
        String value = raw.strip();
        if (value.startsWith("00")) {
            value = "+" + value.substring(2);
        }
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(value, "NO");
            if (!UTIL.isValidNumber(number)) {
                throw new Rejected("is not a valid phone number", "error.field.phone");
            }
            String e164 = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            // libphonenumber calls some numbers valid that E.164 cannot carry (fuzzer finding: letters dropped
            // from "+49 71u 55 …" left 16 digits); such a value could not be dialled nor normalised again.
            if (!E164.matcher(e164).matches()) {
                throw new Rejected("is not a valid phone number", "error.field.phone");
            }
            return e164;
        } catch (NumberParseException e) {
            throw new Rejected("is not a phone number", "error.field.phone");
        }
    }

    /** The number in E.164, or empty when the value is missing or not a valid number (for collected field errors). */
    public static Optional<String> tryNormalise(@Nullable String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(normalise(raw));
        } catch (Rejected e) {
            return Optional.empty();
        }
    }
}
