package no.vern.events.internal;

import static no.vern.events.internal.EventService.PURPOSE;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.events.RegistrationStatus;
import no.vern.register.Categories;
import no.vern.register.SubjectGone;
import no.vern.register.SubjectRegister;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;

/**
 * Cancelling a sign-up and the waiting list: the seat goes to the first person waiting (told by mail),
 * the event consent ends with the sign-up it was given for, and both are audited. Idempotent: a second
 * cancel changes nothing.
 */
@Component
class Cancellations {

    /** Moving the waiting list up, as audited (also the register's reads of the promoted person's address). */
    static final Actor WAITING_LIST_ACTOR = Actor.system("events-waiting-list");
    private static final Locale NORWEGIAN = Locale.forLanguageTag("nb");

    private final Events events;
    private final ConsentLedger ledger;
    private final SubjectRegister register;
    private final CancelLinks links;
    private final EventMailer mailer;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    Cancellations(Events events, ConsentLedger ledger, SubjectRegister register, CancelLinks links, EventMailer mailer,
            AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.events = events;
        this.ledger = ledger;
        this.register = register;
        this.links = links;
        this.mailer = mailer;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    void cancel(UUID registrationId) {
        Instant now = clock.instant();
        Events.Registration[] promoted = new Events.Registration[1];
        // TransactionCallback admits a null result (JSpecify); NullAway cannot see that before JDK 22.
        @SuppressWarnings("NullAway")
        Events.Registration cancelled = tx.execute(s -> {
            Events.Registration r = events.registration(registrationId)
                    .orElseThrow(() -> new NotFound("Registration", registrationId));
            events.lockEvent(r.eventId());
            r = events.lockRegistration(registrationId).orElseThrow();
            if (r.status() == RegistrationStatus.CANCELLED) {
                return null;
            }
            events.setStatus(r.id(), RegistrationStatus.CANCELLED, now);
            if (r.status() == RegistrationStatus.CONFIRMED) {
                Optional<Events.Registration> next = events.firstWaiting(r.eventId());
                if (next.isPresent()) {
                    events.setStatus(next.get().id(), RegistrationStatus.CONFIRMED, null);
                    promoted[0] = next.get();
                    audit.record(AuditEvent.by(WAITING_LIST_ACTOR, "events.registration.promote",
                            Outcome.SUCCESS).withPurpose(PURPOSE).withTargets(next.get().subject().reference(),
                                    "event:" + r.eventId(), "registration:" + next.get().id()));
                }
            }
            audit.record(AuditEvent.by(new Actor(Actor.Kind.SUBJECT, r.subject().toString()),
                    "events.registration.cancel", Outcome.SUCCESS).withPurpose(PURPOSE)
                    .withTargets(r.subject().reference(), "event:" + r.eventId(), "registration:" + r.id()));
            return r;
        });
        if (cancelled == null) {
            return;
        }
        // The sign-up was the purpose: its consent ends with it, and the register erases the event data.
        try {
            ledger.withdraw(cancelled.subject(), PURPOSE, Channel.WITHDRAWAL_LINK, "event sign-up cancelled");
        } catch (NotFound e) {
            // no consent recorded
        }
        Events.Registration next = promoted[0];
        if (next != null) {
            Locale language = "en".equals(next.language()) ? Locale.ENGLISH : NORWEGIAN;
            emailOf(next.subject()).ifPresent(email -> mailer.promoted(next.id(), email, events.existing(next.eventId()),
                    links.url(next.id(), language), language));
        }
    }

    /** Cancels every active sign-up of the person (their event consent was withdrawn). */
    void cancelAllOf(SubjectId subject) {
        for (Events.Registration r : events.activeOfSubject(subject)) {
            cancel(r.id());
        }
    }

    private Optional<String> emailOf(SubjectId subject) {
        return Actors.runAs(WAITING_LIST_ACTOR, () -> {
            try {
                return register.read(subject, PURPOSE).value(Categories.EMAIL);
            } catch (NotFound | SubjectGone e) {
                return Optional.<String>empty();
            }
        });
    }
}
