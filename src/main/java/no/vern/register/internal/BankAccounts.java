package no.vern.register.internal;

import java.math.BigInteger;
import java.util.Locale;

import no.vern.shared.Rejected;

/**
 * Validates bank accounts: Norwegian account numbers (11 digits, mod-11 with weights
 * 5,4,3,2,7,6,5,4,3,2) and IBANs (ISO 13616, mod-97 = 1; a Norwegian IBAN also passes the mod-11).
 */
final class BankAccounts {

    private static final int[] WEIGHTS = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };

    private BankAccounts() {
    }

    static String normalise(String raw) {
        String value = raw.replaceAll("[\\s.-]", "").toUpperCase(Locale.ROOT);
        if (value.matches("\\d{11}")) {
            if (!Mod11.valid(value, WEIGHTS)) {
                throw new Rejected("is not a valid Norwegian account number", "error.field.bankAccount");
            }
            return value;
        }
        if (!value.matches("[A-Z]{2}\\d{2}[A-Z0-9]{11,30}") || !ibanChecksum(value)) {
            throw new Rejected("is not a valid IBAN or Norwegian account number", "error.field.bankAccount");
        }
        if (value.startsWith("NO") && (value.length() != 15 || !Mod11.valid(value.substring(4), WEIGHTS))) {
            throw new Rejected("is not a valid Norwegian IBAN", "error.field.bankAccount");
        }
        return value;
    }

    private static boolean ibanChecksum(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
