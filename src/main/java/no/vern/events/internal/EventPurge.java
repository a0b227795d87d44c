package no.vern.events.internal;

import static no.vern.events.internal.EventService.CRM_PURPOSE;
import static no.vern.events.internal.EventService.NEWSLETTER_PURPOSE;
import static no.vern.events.internal.EventService.PURPOSE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.consent.ConsentLedger;
import no.vern.processing.SubjectKind;
import no.vern.register.Categories;
import no.vern.register.PersonalData;
import no.vern.register.RetentionView;
import no.vern.register.Source;
import no.vern.register.SubjectRecords;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectUpdate;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;

/**
 * Erases what was kept only for events that ended more than {@code vern.events.delete-after-days}
 * ago (GDPR Art. 5(1)(e); S5): participants without CRM consent are erased (crypto-shredding), those
 * with it lose only the event records, those who asked for newsletters keep name and email for the
 * newsletter alone. Run hourly by db-scheduler ({@link EventsConfiguration}).
 */
@Component
class EventPurge {

    static final Actor PURGE_ACTOR = Actor.system("events-purge");
    private static final Logger log = LoggerFactory.getLogger(EventPurge.class);

    private final Events events;
    private final ConsentLedger ledger;
    private final SubjectRegister register;
    private final RetentionView view;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration deleteAfter;

    EventPurge(RetentionView view, Events events, ConsentLedger ledger, SubjectRegister register, AuditLog audit, TransactionTemplate tx,
            Clock clock, @Value("${vern.events.delete-after-days:30}") int deleteAfterDays) {
        this.events = events;
        this.ledger = ledger;
        this.register = register;
        this.view = view;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        if (deleteAfterDays < 0) {
            throw new IllegalStateException("vern.events.delete-after-days must not be negative");
        }
        this.deleteAfter = Duration.ofDays(deleteAfterDays);
    }

    /** Purges every ended event that is due; idempotent, events locked with SKIP LOCKED. Returns the registrations handled. */
    int purgeEnded() {
        int total = 0;
        while (true) {
            Integer n = tx.execute(s -> {
                Instant now = clock.instant();
                List<UUID> due = events.lockEventsToPurge(now.minus(deleteAfter), 1);
                if (due.isEmpty()) {
                    return -1;
                }
                UUID eventId = due.get(0);
                int handled = 0;
                for (Events.Registration r : events.unpurged(eventId)) {
                    purge(r, now);
                    events.markRegistrationPurged(r.id(), now);
                    handled++;
                }
                events.markEventPurged(eventId, now);
                audit.record(AuditEvent.by(PURGE_ACTOR, "events.event.purge", Outcome.SUCCESS).withPurpose(PURPOSE)
                        .withTargets("event:" + eventId));
                return handled;
            });
            if (n == null || n < 0) {
                break;
            }
            total += n;
        }
        if (total > 0) {
            log.info("Purged the event data of {} registrations", total);
        }
        return total;
    }

    private void purge(Events.Registration r, Instant now) {
        SubjectId subject = r.subject();
        boolean crm = ledger.current(subject, CRM_PURPOSE).map(c -> c.activeAt(now)).orElse(false);
        String action = Actors.runAs(PURGE_ACTOR, () -> {
            try {
                if (register.isErased(subject)) {
                    return "none";
                }
                if (crm) {
                    register.eraseRecords(subject, PURPOSE);
                    return "records";
                }
                if (r.newsletter() && keepForNewsletter(subject)) {
                    register.eraseRecords(subject, PURPOSE);
                    return "newsletter";
                }
                // The person may be held for more than the event (one person, one subject: issue 20, item 5):
                // then only the event data goes; the subject is crypto-shredded only when nothing else is held.
                // (Asked before erasing: the erasure of the whole subject runs in transactions of its own.)
                if (view.holdsRecordsBesides(subject, PURPOSE)) {
                    register.eraseRecords(subject, PURPOSE);
                    return "records";
                }
                register.erase(subject);
                return "subject";
            } catch (NotFound e) {
                return "none";
            }
        });
        audit.record(AuditEvent.by(PURGE_ACTOR, "events.participant.purge", Outcome.SUCCESS).withPurpose(PURPOSE)
                .withTargets(subject.reference(), "event:" + r.eventId(), "erased:" + action));
    }

    /**
     * The person asked for newsletters: name and email move to the purpose {@code newsletter} (its
     * basis in the record is legitimate interest; the opt-in and the notice shown are kept on the
     * registration as proof of the request, which the Norwegian Marketing Control Act § 15 needs for
     * email marketing). The subject becomes a newsletter recipient only, so the register accepts it.
     */
    private boolean keepForNewsletter(SubjectId subject) {
        SubjectRecords held = register.read(subject, PURPOSE);
        Optional<String> email = held.value(Categories.EMAIL);
        if (email.isEmpty()) {
            return false;
        }
        register.update(subject, held.subject().version(), new SubjectUpdate(NEWSLETTER_PURPOSE, Source.EVENT_FORM,
                Set.of(SubjectKind.NEWSLETTER_RECIPIENT), null,
                PersonalData.contact(held.value(Categories.NAME).orElse(null), email.get(), null)));
        return true;
    }
}
