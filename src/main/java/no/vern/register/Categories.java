package no.vern.register;

import java.util.List;

/** The data category keys the register stores records under, as named in the record of processing (S2). */
public final class Categories {

    public static final String NAME = "name";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String POSTAL_ADDRESS = "postal-address";
    public static final String IP_ADDRESS = "ip-address";
    public static final String PURCHASE_HISTORY = "purchase-history";
    public static final String BANK_INFORMATION = "bank-information";
    public static final String CV = "cv";
    public static final String RECRUITER_NOTES = "recruiter-notes";

    /** Every category, in the order forms and views show them. */
    public static final List<String> ALL = List.of(NAME, EMAIL, PHONE, POSTAL_ADDRESS, IP_ADDRESS, PURCHASE_HISTORY,
            BANK_INFORMATION, CV, RECRUITER_NOTES);

    private Categories() {
    }
}
