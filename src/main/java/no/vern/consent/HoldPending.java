package no.vern.consent;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import no.vern.register.PersonalData;

/**
 * Data that arrived before consent (a CV by email, a business card), to hold encrypted while the
 * person is asked; {@code toString()} names no personal data.
 *
 * @param purposeKey the consent-based purpose the data would be kept for
 * @param language the language of the consent request (nb or en)
 * @param data the personal data; must include an email address to send the request to
 * @param mediaType the media type of an attached file (a CV), or null
 * @param attachment the file, or null
 */
public record HoldPending(String purposeKey, Locale language, PersonalData data, @Nullable String mediaType,
        byte @Nullable [] attachment) {

    @Override
    public String toString() {
        return "HoldPending[" + purposeKey + ", " + data + ", file=" + (attachment != null) + "]";
    }
}
