package no.vern.processing;

import org.jspecify.annotations.Nullable;

/**
 * Name and contact details of the controller or its data protection officer (GDPR Art. 30(1)(a)).
 *
 * @param name company or role name
 * @param organisationNumber Norwegian organisation number, if known
 * @param address postal address, if any
 * @param email where questions and requests are sent
 * @param phone phone number, if published
 * @param website web address, if any
 */
public record Contact(String name, @Nullable String organisationNumber, @Nullable String address, String email,
        @Nullable String phone, @Nullable String website) {
}
