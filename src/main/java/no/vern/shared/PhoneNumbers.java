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
                throw new Rejected("is not a valid phone number");
            }
            return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new Rejected("is not a phone number");
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
