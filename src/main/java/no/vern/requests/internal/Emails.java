package no.vern.requests.internal;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

import no.vern.shared.InvalidInput;

/**
 * Normalises a requester's email address exactly as the register does (trimmed, IDN domain in ASCII,
 * lower case), so that the blind index of a case matches the register's; errors never echo the value.
 */
final class Emails {

    private static final Pattern LOCAL = Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Emails() {
    }

    static String normalise(String raw) {
        String value = raw == null ? "" : raw.strip();
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || value.length() > 254) {
            throw invalid();
        }
        String local = value.substring(0, at).toLowerCase(Locale.ROOT);
        String domain;
        try {
            domain = IDN.toASCII(value.substring(at + 1), IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw invalid();
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            throw invalid();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw invalid();
            }
        }
        return local + "@" + domain;
    }

    private static InvalidInput invalid() {
        return new InvalidInput("email", "is not a valid email address");
    }
}
