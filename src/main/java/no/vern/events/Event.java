package no.vern.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event staff created, with its current seat counts (no personal data).
 *
 * @param id the event's id (also in its public address)
 * @param title the title
 * @param startsAt when it starts
 * @param place where it takes place
 * @param capacity how many seats
 * @param signupDeadline the last moment to sign up
 * @param askPhone whether the sign-up form asks for a phone number (S11: only if needed)
 * @param askCompany whether the sign-up form asks for the company
 * @param confirmed seats taken
 * @param waiting people on the waiting list
 * @param purged whether the participants' event data has been erased after the event
 */
public record Event(UUID id, String title, Instant startsAt, String place, int capacity, Instant signupDeadline,
        boolean askPhone, boolean askCompany, int confirmed, int waiting, boolean purged) {

    /** Whether every seat is taken. */
    public boolean full() {
        return confirmed >= capacity;
    }

    /** Whether sign-up is open at the given time. */
    public boolean open(Instant now) {
        return now.isBefore(signupDeadline) && now.isBefore(startsAt);
    }
}
