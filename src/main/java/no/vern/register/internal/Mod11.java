package no.vern.register.internal;

/** The mod-11 check digit used by Norwegian organisation and account numbers. */
final class Mod11 {

    private Mod11() {
    }

    /** Whether the last digit is the mod-11 check digit of the others under the weights. */
    static boolean valid(String digits, int[] weights) {
        if (digits.length() != weights.length + 1) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(weights.length) - '0';
    }
}
