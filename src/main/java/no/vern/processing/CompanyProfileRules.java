package no.vern.processing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import no.vern.shared.EmailAddresses;
import no.vern.shared.InvalidInput;
import no.vern.shared.PhoneNumbers;

/**
 * What a company profile must satisfy before it is saved, in one place for the settings page, the API and a
 * whole-record change: the legal name and the mailboxes are required (GDPR Art. 13(1)(a)-(b) and 30(1)(a)), the
 * organisation number is the Brønnøysund register's 9 digits with a valid mod-11 check digit, the domains are
 * host names, the footer exists in both languages, the complaint authority is named with a web address.
 */
public final class CompanyProfileRules {

    /** One field that breaks a rule: {@code code} names the rule for the page's nb/en text. */
    public record Violation(String field, String code) {

        /** The English message of the API problem (never the value). */
        public String message() {
            return switch (code) {
                case "required" -> "is required";
                case "email" -> "must be an email address";
                case "orgnr" -> "must be 9 digits with a valid check digit (mod 11)";
                case "domain" -> "must be host names such as example.no, one per line, no scheme or path";
                case "url" -> "must be an https:// or http:// address";
                case "phone" -> "must be a phone number (digits, spaces, +, -)";
                case "too-long" -> "is too long";
                case "duplicate" -> "names a domain twice";
                default -> "is invalid";
            };
        }

        /** The message code that says why in the page's language, beside a field's name. */
        public String messageCode() {
            return switch (code) {
                case "required" -> "error.field.required";
                case "email" -> "error.field.email";
                case "orgnr" -> "error.field.orgNumber";
                case "domain" -> "processing.error.domains";
                case "url" -> "processing.error.webAddress";
                case "phone" -> "error.field.phone";
                case "too-long" -> "processing.error.tooLong";
                case "duplicate" -> "processing.error.domainTwice";
                default -> "error.field.generic";
            };
        }
    }

    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern URL = Pattern.compile("https?://[^\\s/]+\\.[^\\s]+");
    private static final int[] WEIGHTS = { 3, 2, 7, 6, 5, 4, 3, 2 };

    private CompanyProfileRules() {
    }

    /**
     * Whether a Norwegian organisation number is valid: 9 digits, the last a mod-11 check digit over the first
     * 8 with weights 3, 2, 7, 6, 5, 4, 3, 2 (remainder 0 gives 0; a check digit of 10 makes the number invalid).
     */
    public static boolean validOrganisationNumber(@Nullable String value) {
        if (value == null || !value.matches("[0-9]{9}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (value.charAt(i) - '0') * WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == value.charAt(8) - '0';
    }

    /** An organisation number as typed ("923 456 789", "NO 923456789 MVA") reduced to its 9 digits. */
    public static @Nullable String normaliseOrganisationNumber(@Nullable String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String digits = typed.strip().toUpperCase(Locale.ROOT).replaceFirst("^NO", "").replaceFirst("MVA$", "")
                .replaceAll("[\\s.]", "");
        return digits;
    }

    /** Every rule the profile breaks, in field order; empty when it may be saved. */
    public static List<Violation> check(CompanyProfile p) {
        List<Violation> out = new ArrayList<>();
        required(out, "legalName", p.legalName(), 200);
        if (p.organisationNumber() != null && !validOrganisationNumber(p.organisationNumber())) {
            out.add(new Violation("organisationNumber", "orgnr"));
        }
        optional(out, "postalAddress", p.postalAddress(), 300);
        optional(out, "visitingAddress", p.visitingAddress(), 300);
        email(out, "privacyMailbox", p.privacyMailbox());
        phone(out, "phone", p.phone());
        if (p.website() != null && !URL.matcher(p.website()).matches()) {
            out.add(new Violation("website", "url"));
        }
        required(out, "dpoName", p.dpoName(), 200);
        email(out, "dpoEmail", p.dpoEmail());
        phone(out, "dpoPhone", p.dpoPhone());
        Set<String> seen = new HashSet<>();
        for (String domain : p.webDomains()) {
            if (!DOMAIN.matcher(domain).matches()) {
                out.add(new Violation("webDomains", "domain"));
                break;
            }
            if (!seen.add(domain)) {
                out.add(new Violation("webDomains", "duplicate"));
                break;
            }
        }
        if (p.webDomains().size() > 20) {
            out.add(new Violation("webDomains", "too-long"));
        }
        email(out, "mailSender", p.mailSender());
        required(out, "mailFooterNb", p.mailFooter().nb(), 1000);
        required(out, "mailFooterEn", p.mailFooter().en(), 1000);
        required(out, "complaintAuthorityNb", p.complaintAuthority().name().nb(), 200);
        required(out, "complaintAuthorityEn", p.complaintAuthority().name().en(), 200);
        if (p.complaintAuthority().website() == null || !URL.matcher(p.complaintAuthority().website()).matches()) {
            out.add(new Violation("complaintAuthorityWebsite", "url"));
        }
        optional(out, "complaintAuthorityAddress", p.complaintAuthority().address(), 300);
        return out;
    }

    /** Throws {@link InvalidInput} naming every field that breaks a rule. */
    public static void require(CompanyProfile p) {
        List<Violation> violations = check(p);
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations.stream()
                    .map(v -> InvalidInput.FieldError.coded(v.field(), v.message(), v.messageCode())).toList());
        }
    }

    private static void required(List<Violation> out, String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            out.add(new Violation(field, "required"));
        } else if (value.length() > max) {
            out.add(new Violation(field, "too-long"));
        }
    }

    private static void optional(List<Violation> out, String field, @Nullable String value, int max) {
        if (value != null && value.length() > max) {
            out.add(new Violation(field, "too-long"));
        }
    }

    private static void email(List<Violation> out, String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            out.add(new Violation(field, "required"));
        } else if (EmailAddresses.tryNormalise(value).isEmpty()) {
            out.add(new Violation(field, "email"));
        }
    }

    private static void phone(List<Violation> out, String field, @Nullable String value) {
        if (value != null && PhoneNumbers.tryNormalise(value).isEmpty()) {
            out.add(new Violation(field, "phone"));
        }
    }
}
