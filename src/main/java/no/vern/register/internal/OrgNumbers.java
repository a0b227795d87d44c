package no.vern.register.internal;

import no.vern.shared.Rejected;

/** Validates Norwegian organisation numbers: nine digits, the last a mod-11 check digit (weights 3,2,7,6,5,4,3,2). */
final class OrgNumbers {

    private static final int[] WEIGHTS = { 3, 2, 7, 6, 5, 4, 3, 2 };

    private OrgNumbers() {
    }

    static String normalise(String raw) {
        String digits = raw.replaceAll("[\\s.]", "");
        if (digits.startsWith("NO")) {
            digits = digits.substring(2);
        }
        if (digits.endsWith("MVA")) {
            digits = digits.substring(0, digits.length() - 3);
        }
        if (!digits.matches("\\d{9}") || !Mod11.valid(digits, WEIGHTS)) {
            throw new Rejected("is not a valid Norwegian organisation number", "error.field.orgNumber");
        }
        return digits;
    }
}
