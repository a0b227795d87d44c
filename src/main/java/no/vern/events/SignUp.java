package no.vern.events;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A sign-up as the person typed it, with the notices the form showed; {@code toString()} holds no
 * personal data.
 *
 * @param name full name (always asked)
 * @param email email address (always asked)
 * @param phone phone number, only if the event asks for it
 * @param company company, only if the event asks for it
 * @param crmConsent the separate, optional consent to be kept in the CRM (purpose {@code prospect-dialogue})
 * @param newsletter the separate, optional request for newsletters (purpose {@code newsletter})
 * @param language the language of the form (nb or en)
 * @param noticeHash SHA-256 of the event notice shown, or null for the current one
 * @param crmNoticeHash SHA-256 of the CRM notice shown, or null
 * @param newsletterNoticeHash SHA-256 of the newsletter notice shown, or null
 */
public record SignUp(String name, String email, @Nullable String phone, @Nullable String company, boolean crmConsent,
        boolean newsletter, Locale language, @Nullable String noticeHash, @Nullable String crmNoticeHash,
        @Nullable String newsletterNoticeHash) {

    @Override
    public String toString() {
        return "SignUp[crm=" + crmConsent + ", newsletter=" + newsletter + ", " + language + "]";
    }
}
