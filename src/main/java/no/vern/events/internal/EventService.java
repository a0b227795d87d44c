package no.vern.events.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.consent.ConsentWithdrawn;
import no.vern.events.Event;
import no.vern.events.EventRegistry;
import no.vern.events.NewEvent;
import no.vern.events.Participant;
import no.vern.events.SignUp;
import no.vern.events.SignUpResult;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.InvalidInput;
import no.vern.shared.InvalidInput.FieldError;
import no.vern.shared.NotFound;

/**
 * Events and sign-ups as {@link EventRegistry}: creating and reading events here; a sign-up in
 * {@link SignUps}, cancelling and the waiting list in {@link Cancellations}, staff's participant list
 * and check-in in {@link Participants}; once an event is held, {@link EventHeldClock} starts the participants' retention clocks.
 */
@Service
class EventService implements EventRegistry {

    static final String PURPOSE = "events";
    static final String CRM_PURPOSE = "prospect-dialogue";
    static final String NEWSLETTER_PURPOSE = "newsletter";

    private final Events events;
    private final SignUps signUps;
    private final Cancellations cancellations;
    private final Participants participants;
    private final CancelLinks links;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    EventService(Events events, SignUps signUps, Cancellations cancellations, Participants participants,
            CancelLinks links, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.events = events;
        this.signUps = signUps;
        this.cancellations = cancellations;
        this.participants = participants;
        this.links = links;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Event create(NewEvent e) {
        List<FieldError> errors = new ArrayList<>();
        String title = e.title() == null ? "" : e.title().strip();
        String place = e.place() == null ? "" : e.place().strip();
        Instant now = clock.instant();
        if (title.isEmpty() || title.length() > 200) {
            errors.add(FieldError.coded("title", "must be 1 to 200 characters", title.isEmpty() ? "error.field.required" : "error.field.tooLong", "200"));
        }
        if (place.isEmpty() || place.length() > 200) {
            errors.add(FieldError.coded("place", "must be 1 to 200 characters", place.isEmpty() ? "error.field.required" : "error.field.tooLong", "200"));
        }
        if (e.capacity() < 1 || e.capacity() > 100000) {
            errors.add(FieldError.coded("capacity", "must be between 1 and 100000", "error.field.range", "1", "100000"));
        }
        if (!e.startsAt().isAfter(now)) {
            errors.add(FieldError.coded("startsAt", "must be in the future", "error.field.future"));
        }
        if (e.signupDeadline().isAfter(e.startsAt())) {
            errors.add(FieldError.coded("signupDeadline", "must not be after the start", "events.error.deadlineAfterStart"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        UUID id = UUID.randomUUID();
        Actor actor = Actors.current();
        tx.executeWithoutResult(s -> {
            events.insertEvent(id, title, e.startsAt(), place, e.capacity(), e.signupDeadline(), e.askPhone(),
                    e.askCompany(), now, actor.reference());
            audit.record(AuditEvent.by(actor, "events.event.create", Outcome.SUCCESS).withTargets("event:" + id));
        });
        return get(id);
    }

    @Override
    public List<Event> list() {
        return events.events();
    }

    @Override
    public Event get(UUID id) {
        return events.existing(id);
    }

    @Override
    public SignUpResult signUp(UUID eventId, SignUp form) {
        return signUps.signUp(eventId, form);
    }

    @Override
    public Optional<UUID> registrationOfToken(String token) {
        return links.verify(token);
    }

    @Override
    public RegistrationView registration(UUID registrationId) {
        Events.Registration r = events.registration(registrationId)
                .orElseThrow(() -> new NotFound("Registration", registrationId));
        return new RegistrationView(r.id(), get(r.eventId()), r.status());
    }

    @Override
    public void cancel(UUID registrationId) {
        cancellations.cancel(registrationId);
    }

    /** A withdrawal of the event consent (e.g. from the receipt's link) cancels the person's sign-ups. */
    @ApplicationModuleListener
    void on(ConsentWithdrawn withdrawn) {
        if (!PURPOSE.equals(withdrawn.purposeKey())) {
            return;
        }
        cancellations.cancelAllOf(withdrawn.subject());
    }

    @Override
    public void checkIn(UUID eventId, UUID registrationId) {
        participants.checkIn(eventId, registrationId);
    }

    @Override
    public List<Participant> participants(UUID eventId) {
        return participants.of(eventId);
    }

    @Override
    public String participantsCsv(UUID eventId) {
        return participants.csv(eventId);
    }

    /** Whether no event exists yet (demo data is loaded only then). */
    boolean empty() {
        return events.countEvents() == 0;
    }
}
