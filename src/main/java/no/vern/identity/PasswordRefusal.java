package no.vern.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a new staff password was refused (issue 24, item 4). The {@link #detail()} is the English text of the field
 * error an API caller gets; console pages show the Norwegian or English text under {@link #messageKey()}. Neither
 * ever repeats the password.
 */
public enum PasswordRefusal {

    /** Fewer than 12 or more than 200 characters. */
    LENGTH("must be 12 to 200 characters"),
    /** One character repeated, a short pattern repeated, or a run such as {@code abcdefghijkl} or {@code 987654321098}. */
    TRIVIAL("must not be one character, a short pattern repeated or a run of letters or digits"),
    /** Contains the account's username. */
    CONTAINS_USERNAME("must not contain the username"),
    /** One of the 10,000 most common passwords, also with digits or symbols added before or after. */
    COMMON("is one of the most common passwords (or one with digits or symbols added); choose another");

    private final String detail;

    PasswordRefusal(String detail) {
        this.detail = detail;
    }

    /** The English field error for API callers. */
    public String detail() {
        return detail;
    }

    /** The message key of the console's text ({@code identity.password.refused.<name>}). */
    public String messageKey() {
        return "identity.password.refused." + name();
    }

    /** The refusal a field error's text stands for, if it is one. */
    public static Optional<PasswordRefusal> ofDetail(String detail) {
        return Arrays.stream(values()).filter(r -> r.detail.equals(detail)).findFirst();
    }
}
