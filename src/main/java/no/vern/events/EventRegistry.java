package no.vern.events;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Events and their sign-ups: the one way to create events, sign people up (consent first, S5),
 * cancel, check in and list participants. Other modules and the web layer use this interface.
 */
public interface EventRegistry {

    /** Creates an event; {@link no.vern.shared.InvalidInput} for bad fields. */
    Event create(NewEvent event);

    /** Every event, soonest first. */
    List<Event> list();

    /** One event; {@link no.vern.shared.NotFound} if unknown. */
    Event get(UUID id);

    /**
     * Signs a person up: records the consent to the purpose {@code events} (and, if ticked, to
     * {@code prospect-dialogue}) with the notices shown, stores the person through the register as an
     * event participant, gives a seat or a place on the waiting list, and mails a confirmation with a
     * cancel link in the person's language. {@link no.vern.shared.InvalidInput},
     * {@link SignUpClosed}, {@link AlreadySignedUp} or {@link no.vern.consent.StaleNotice} otherwise.
     */
    SignUpResult signUp(UUID eventId, SignUp signUp);

    /** The registration a signed cancel token stands for, if the signature is valid. */
    Optional<UUID> registrationOfToken(String token);

    /** The event and status of a registration; NotFound if unknown. */
    RegistrationView registration(UUID registrationId);

    /**
     * Cancels a registration (idempotent): frees the seat, moves the first on the waiting list up
     * (and mails them), and withdraws the consent to the event.
     */
    void cancel(UUID registrationId);

    /** Marks a confirmed participant as present; Conflict unless confirmed. */
    void checkIn(UUID eventId, UUID registrationId);

    /** The participants of an event with their data, as the current staff user (audited per person). */
    List<Participant> participants(UUID eventId);

    /** The participant list as CSV, safe against formula injection; audited as an export. */
    String participantsCsv(UUID eventId);

    /**
     * A registration's event and status (no personal data).
     *
     * @param id the registration
     * @param event the event
     * @param status its status
     */
    record RegistrationView(UUID id, Event event, RegistrationStatus status) {
    }
}
