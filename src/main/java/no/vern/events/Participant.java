package no.vern.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * A participant as staff see them (read from the register for the purpose {@code events}, audited);
 * {@code toString()} masks the personal data.
 *
 * @param registrationId the registration
 * @param subject the subject id
 * @param status the registration's status
 * @param name the name, or null once erased
 * @param email the email, or null once erased
 * @param phone the phone, if asked and given
 * @param company the company, if asked and given
 * @param crmConsent whether the person consented to be kept in the CRM
 * @param newsletter whether the person asked for newsletters
 * @param registeredAt when they signed up
 * @param checkedInAt when they were checked in, or null
 */
public record Participant(UUID registrationId, SubjectId subject, RegistrationStatus status, @Nullable String name,
        @Nullable String email, @Nullable String phone, @Nullable String company, boolean crmConsent,
        boolean newsletter, Instant registeredAt, @Nullable Instant checkedInAt) {

    @Override
    public String toString() {
        return "Participant[" + registrationId + ", " + subject + ", " + status + ", ***]";
    }
}
