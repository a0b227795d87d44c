package no.vern.register.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/** Normalises Norwegian and international phone numbers to E.164 (libphonenumber, default region NO). */
final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    static String normalise(String raw) {
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
}
