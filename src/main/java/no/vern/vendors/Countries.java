package no.vern.vendors;

import java.util.Locale;
import java.util.Set;

/**
 * Where the GDPR's transfer rules start: the one list of the EU/EEA member states and of the countries with an
 * adequacy decision. Country codes are ISO 3166-1 alpha-2, upper case.
 */
public final class Countries {

    /** The 27 EU member states (TEU Art. 52) and Iceland, Liechtenstein and Norway (EEA Agreement, Annex XI). */
    private static final Set<String> EEA = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE",
            "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI",
            "NO");

    /**
     * Art. 45(3): countries the Commission has found adequate as a whole: Andorra, Argentina, Canada (commercial
     * organisations under PIPEDA), the Faroe Islands, Guernsey, Israel, the Isle of Man, Japan, Jersey, New Zealand,
     * the Republic of Korea, Switzerland, the United Kingdom and Uruguay. The United States only through the Data
     * Privacy Framework ({@link TransferMechanism#DATA_PRIVACY_FRAMEWORK}), never here.
     */
    private static final Set<String> ADEQUATE = Set.of("AD", "AR", "CA", "FO", "GG", "IL", "IM", "JP", "JE", "NZ", "KR",
            "CH", "GB", "UY");

    private Countries() {
    }

    /** The code in upper case, or {@link IllegalArgumentException} if it is not an ISO 3166-1 alpha-2 code. */
    public static String code(String raw) {
        String code = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        if (!Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2).contains(code)) {
            throw new IllegalArgumentException("not an ISO 3166-1 alpha-2 country code");
        }
        return code;
    }

    /** GDPR Art. 44: whether data sent there stays inside the EU/EEA (no transfer rules apply). */
    public static boolean insideEea(String code) {
        return EEA.contains(code);
    }

    /** GDPR Art. 45: whether an adequacy decision covers the country as a whole. */
    public static boolean adequate(String code) {
        return ADEQUATE.contains(code);
    }

    /** The country's name in Norwegian ({@code nb}) or English. */
    public static String name(String code, Locale locale) {
        Locale in = "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.forLanguageTag("nb");
        String name = new Locale.Builder().setRegion(code).build().getDisplayCountry(in);
        return name.isBlank() ? code : name;
    }
}
