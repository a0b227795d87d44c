package no.vern.register;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Personal data as entered, by category; null means "not given". The register validates and
 * normalises each value. {@code toString()} names the categories present, never values.
 *
 * @param name full name
 * @param email email address
 * @param phone phone number (Norwegian or international)
 * @param postalAddress postal address
 * @param purchaseHistory purchase history, free text
 * @param bankAccount IBAN or Norwegian account number
 * @param cv CV text
 * @param recruiterNotes notes from the recruitment process
 */
public record PersonalData(@Nullable String name, @Nullable String email, @Nullable String phone,
        @Nullable PostalAddress postalAddress, @Nullable String purchaseHistory, @Nullable String bankAccount,
        @Nullable String cv, @Nullable String recruiterNotes) {

    /** Nothing given. */
    public static final PersonalData NONE = new PersonalData(null, null, null, null, null, null, null, null);

    /** The usual contact data of a customer contact. */
    public static PersonalData contact(@Nullable String name, @Nullable String email, @Nullable String phone) {
        return new PersonalData(name, email, phone, null, null, null, null, null);
    }

    /** The categories that are given (not null and not blank), mapped to the request field name. */
    public Map<String, String> givenCategories() {
        Map<String, String> given = new LinkedHashMap<>();
        put(given, Categories.NAME, "name", name);
        put(given, Categories.EMAIL, "email", email);
        put(given, Categories.PHONE, "phone", phone);
        if (postalAddress != null) {
            given.put(Categories.POSTAL_ADDRESS, "postalAddress");
        }
        put(given, Categories.PURCHASE_HISTORY, "purchaseHistory", purchaseHistory);
        put(given, Categories.BANK_INFORMATION, "bankAccount", bankAccount);
        put(given, Categories.CV, "cv", cv);
        put(given, Categories.RECRUITER_NOTES, "recruiterNotes", recruiterNotes);
        return given;
    }

    private static void put(Map<String, String> map, String category, String field, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            map.put(category, field);
        }
    }

    @Override
    public String toString() {
        return "PersonalData" + givenCategories().keySet();
    }
}
