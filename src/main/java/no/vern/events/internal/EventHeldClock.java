package no.vern.events.internal;

import static no.vern.events.internal.EventService.PURPOSE;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.register.RecordsErased;
import no.vern.register.SubjectErased;
import no.vern.retention.ClockEventKind;
import no.vern.retention.RetentionClock;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.AtCommit;
import no.vern.shared.NotFound;

/**
 * The events module does not delete by a period of its own (GDPR Art. 5(1)(e); S5, issue 21 item 7): once an event
 * has been held, it tells retention so ({@link ClockEventKind#EVENT_HELD} for each participant, at the event's
 * start), and the retention rule of the purpose {@code events} decides when the event records go, in the same dry
 * run, approval and reports as every other rule; the policy states that rule. When the register has erased a
 * participant's event records (or the whole person), the registration is marked purged, and the event once none is
 * left. Run hourly by db-scheduler ({@link EventsConfiguration}).
 */
@Component
class EventHeldClock {

    static final Actor CLOCK_ACTOR = Actor.system("events-clock");
    private static final Logger log = LoggerFactory.getLogger(EventHeldClock.class);

    private final Events events;
    private final RetentionClock retention;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    /**
     * Subjects whose event records one transaction erased (issue 28 item 8; were {@code @ApplicationModuleListener}s,
     * one stored event publication and one transaction after the commit per subject and event): their registrations
     * and emptied events are marked purged in two statements just before it commits, so with the erasure or not at all.
     */
    private final AtCommit<UUID> purged;

    EventHeldClock(Events events, RetentionClock retention, AuditLog audit, TransactionTemplate tx, Clock clock,
            PlatformTransactionManager transactions) {
        this.events = events;
        this.retention = retention;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.purged = new AtCommit<>(transactions, subjects -> events.markPurgedOfAll(subjects, clock.instant()));
    }

    /** Starts the retention clock of every participant of every event that has been held; idempotent. Returns how many. */
    int recordHeld() {
        int total = 0;
        while (true) {
            Integer n = tx.execute(s -> {
                Instant now = clock.instant();
                List<Events.Held> due = events.lockHeldUnclocked(now, 1);
                if (due.isEmpty()) {
                    return -1;
                }
                Events.Held event = due.get(0);
                int clocked = 0;
                for (Events.Registration r : events.unpurged(event.id())) {
                    try {
                        Actors.runAs(CLOCK_ACTOR, () -> retention.subjectEvent(ClockEventKind.EVENT_HELD, r.subject(),
                                event.startsAt(), PURPOSE));
                        clocked++;
                    } catch (NotFound e) {
                        events.markRegistrationPurged(r.id(), now); // erased already: nothing left to keep
                    }
                }
                events.markHeldRecorded(event.id(), now);
                events.markEventPurgedIfEmpty(event.id(), now);
                audit.record(AuditEvent.by(CLOCK_ACTOR, "events.event.held", Outcome.SUCCESS).withPurpose(PURPOSE)
                        .withTargets("event:" + event.id(), "participants:" + clocked));
                return clocked;
            });
            if (n == null || n < 0) {
                break;
            }
            total += n;
        }
        if (total > 0) {
            log.info("Retention clocks started for {} event participants", total);
        }
        return total;
    }

    /**
     * The register erased the event records of a person (the retention rule, a withdrawal, a request). Synchronous,
     * in the erasing transaction: the registration is marked purged with the records, for all subjects of the
     * transaction together just before it commits.
     */
    @EventListener
    void on(RecordsErased erased) {
        if (PURPOSE.equals(erased.purposeKey())) {
            purged.add(erased.subject().value());
        }
    }

    /** The person was erased as a whole; as {@link #on(RecordsErased)}. */
    @EventListener
    void on(SubjectErased erased) {
        purged.add(erased.subject().value());
    }
}
