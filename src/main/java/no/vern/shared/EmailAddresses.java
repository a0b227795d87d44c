package no.vern.shared;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The one normalisation of email addresses, for storage, blind-index lookup and sending: trimmed, the domain
 * converted to ASCII (IDN, e.g. {@code blåbær.no} → {@code xn--blbr-roah.no}) and the whole address
 * lower-cased. Lower-casing the local part is technically lossy (RFC 5321 lets it be case-sensitive) but no
 * real mail system treats it so, and it is what makes exact lookup work for people who type it differently.
 * The 254-character limit holds for the normalised (encoded) address, so normalising is idempotent.
 */
public final class EmailAddresses {

    private static final Pattern LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private EmailAddresses() {
    }

    /** The normalised address; {@link Rejected} (never echoing the value) when it is not one. */
    public static String normalise(String raw) {
        String value = raw.strip();
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || value.length() > 254) {
            throw new Rejected("is not a valid email address", "error.field.email");
        }
        String local = value.substring(0, at).toLowerCase(Locale.ROOT);
        String domain = value.substring(at + 1);
        // Two or more ASCII labels that already pass the label check below are what IDN.toASCII returns unchanged (it
        // converts only non-ASCII labels) and what the checks below accept: the common case skips both (the bulk paths,
        // eligibility, issue 28 item 6). Anything else takes the full path, so what is refused, and why, is unchanged.
        boolean plain = plainLabels(domain);
        if (!plain) {
            try {
                domain = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
            } catch (IllegalArgumentException e) {
                throw new Rejected("has an invalid domain", "error.field.emailDomain");
            }
        }
        domain = domain.toLowerCase(Locale.ROOT);
        if (!LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new Rejected("is not a valid email address", "error.field.email");
        }
        if (!plain) {
            String[] labels = domain.split("\\.", -1);
            if (labels.length < 2) {
                throw new Rejected("has an invalid domain", "error.field.emailDomain");
            }
            for (String label : labels) {
                if (!LABEL.matcher(label).matches()) {
                    throw new Rejected("has an invalid domain", "error.field.emailDomain");
                }
            }
        }
        String address = local + "@" + domain;
        if (address.length() > 254 || domain.length() > 253) {
            // IDN encoding lengthens the domain ("ø" becomes "xn--…"): the limit holds for what is stored.
            throw new Rejected("is not a valid email address", "error.field.email");
        }
        return address;
    }

    /**
     * Whether the domain is two or more labels of 1–63 ASCII letters, digits and hyphens, none starting or ending with
     * a hyphen: exactly what {@link #LABEL} accepts once lower-cased, with no character IDN would convert.
     */
    private static boolean plainLabels(String domain) {
        int labels = 0;
        int start = 0;
        for (int i = 0; i <= domain.length(); i++) {
            char c = i == domain.length() ? '.' : domain.charAt(i);
            if (c == '.') {
                int length = i - start;
                if (length < 1 || length > 63 || domain.charAt(start) == '-' || domain.charAt(i - 1) == '-') {
                    return false;
                }
                labels++;
                start = i + 1;
            } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return labels >= 2;
    }

    /** The normalised address of a request field; {@link InvalidInput} naming the field when missing or invalid. */
    public static String normalise(@Nullable String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInput(field, "is required", "error.field.required");
        }
        try {
            return normalise(raw);
        } catch (Rejected e) {
            throw e.on(field);
        }
    }

    /** The normalised address, or empty when the value is missing or not an address (for collected field errors). */
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
