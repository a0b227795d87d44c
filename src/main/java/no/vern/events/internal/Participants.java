package no.vern.events.internal;

import static no.vern.events.internal.EventService.PURPOSE;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.events.Participant;
import no.vern.events.RegistrationStatus;
import no.vern.register.Categories;
import no.vern.register.SubjectGone;
import no.vern.register.SubjectRecords;
import no.vern.register.SubjectRegister;
import no.vern.shared.Conflict;
import no.vern.shared.CsvWriter;
import no.vern.shared.NotFound;

/**
 * Staff's view of an event's participants: the list with each person's data read through the register
 * as the staff user (audited per person there, and the list here), its CSV export, and check-in at the
 * door for a confirmed seat.
 */
@Component
class Participants {

    private final Events events;
    private final SubjectRegister register;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    Participants(Events events, SubjectRegister register, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.events = events;
        this.register = register;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    void checkIn(UUID eventId, UUID registrationId) {
        tx.executeWithoutResult(s -> {
            Events.Registration r = events.lockRegistration(registrationId)
                    .filter(x -> x.eventId().equals(eventId))
                    .orElseThrow(() -> new NotFound("Registration", registrationId));
            if (r.status() != RegistrationStatus.CONFIRMED) {
                throw new Conflict("not-confirmed", "Not confirmed",
                        "Registration " + registrationId + " has no seat and cannot be checked in.");
            }
            events.checkIn(registrationId, clock.instant());
            audit.record(AuditEvent.of("events.participant.check-in", Outcome.SUCCESS).withPurpose(PURPOSE)
                    .withTargets(r.subject().reference(), "event:" + eventId, "registration:" + registrationId));
        });
    }

    List<Participant> of(UUID eventId) {
        events.existing(eventId);
        List<Participant> list = new ArrayList<>();
        for (Events.Registration r : events.registrations(eventId)) {
            if (r.status() == RegistrationStatus.CANCELLED) {
                continue;
            }
            String name = null;
            String email = null;
            String phone = null;
            String company = null;
            if (r.purgedAt() == null) {
                try {
                    SubjectRecords records = register.read(r.subject(), PURPOSE); // audited per person by the register
                    name = records.value(Categories.NAME).orElse(null);
                    email = records.value(Categories.EMAIL).orElse(null);
                    phone = records.value(Categories.PHONE).orElse(null);
                    company = records.subject().organisation() == null ? null
                            : records.subject().organisation().name();
                } catch (NotFound | SubjectGone e) {
                    // erased: the row shows the id only
                }
            }
            list.add(new Participant(r.id(), r.subject(), r.status(), name, email, phone, company, r.crmConsent(),
                    r.newsletter(), r.registeredAt(), r.checkedInAt()));
        }
        audit.record(AuditEvent.of("events.participants.read", Outcome.SUCCESS).withPurpose(PURPOSE)
                .withTargets("event:" + eventId));
        return list;
    }

    String csv(UUID eventId) {
        List<Participant> participants = of(eventId);
        StringBuilder csv = new StringBuilder(CsvWriter.line("name", "email", "phone", "company", "status", "checked_in_at"));
        List<String> targets = new ArrayList<>();
        targets.add("event:" + eventId);
        for (Participant p : participants) {
            csv.append(CsvWriter.line(p.name(), p.email(), p.phone(), p.company(), p.status().name(), p.checkedInAt()));
            targets.add(p.subject().reference());
        }
        audit.record(AuditEvent.of("events.participants.export", Outcome.SUCCESS).withPurpose(PURPOSE)
                .withTargets(targets.toArray(String[]::new)));
        return csv.toString();
    }
}
