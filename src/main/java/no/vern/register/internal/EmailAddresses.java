package no.vern.register.internal;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises email addresses for storage and blind-index lookup: trimmed, the domain converted to
 * ASCII (IDN, e.g. {@code blåbær.no} → {@code xn--blbr-roah.no}) and the whole address lower-cased.
 * Lower-casing the local part is technically lossy (RFC 5321 lets it be case-sensitive) but no real
 * mail system treats it so, and it is what makes exact lookup work for people who type it differently.
 */
final class EmailAddresses {

    private static final Pattern LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private EmailAddresses() {
    }

    static String normalise(String raw) {
        String value = raw.strip();
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || value.length() > 254) {
            throw new Rejected("is not a valid email address");
        }
        String local = value.substring(0, at).toLowerCase(Locale.ROOT);
        String domain;
        try {
            domain = IDN.toASCII(value.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new Rejected("has an invalid domain");
        }
        if (!LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new Rejected("is not a valid email address");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            throw new Rejected("has an invalid domain");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new Rejected("has an invalid domain");
            }
        }
        String address = local + "@" + domain;
        if (address.length() > 254 || domain.length() > 253) {
            // IDN encoding lengthens the domain ("ø" becomes "xn--…"): the limit holds for what is stored.
            throw new Rejected("is not a valid email address");
        }
        return address;
    }
}
