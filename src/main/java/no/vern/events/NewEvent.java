package no.vern.events;

import java.time.Instant;

/**
 * An event to create; validated by {@link EventRegistry#create}.
 *
 * @param title the title (1–200 characters)
 * @param startsAt when it starts (in the future)
 * @param place where (1–200 characters)
 * @param capacity how many seats (at least 1)
 * @param signupDeadline the last moment to sign up (not after the start)
 * @param askPhone ask for a phone number
 * @param askCompany ask for the company
 */
public record NewEvent(String title, Instant startsAt, String place, int capacity, Instant signupDeadline,
        boolean askPhone, boolean askCompany) {
}
