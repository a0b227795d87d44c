package no.vern.breach.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.breach.BreachId;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.NotFound;

/** Every change to a breach: its row locked first (NotFound when none), then appended to its timeline and audited. */
@Component
class BreachChanges {

    private final Breaches breaches;
    private final BreachEvents events;
    private final AuditLog audit;
    private final Clock clock;

    BreachChanges(Breaches breaches, BreachEvents events, AuditLog audit, Clock clock) {
        this.breaches = breaches;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** Locks the breach for a change; returns who changes it. */
    Actor lock(BreachId id) {
        if (!breaches.lock(id)) {
            throw new NotFound("Breach", id);
        }
        return Actors.current();
    }

    /** Records a change in the timeline (ids and codes only) and the audit log as {@code breach.case.<kind>}. */
    void done(BreachId id, Actor actor, String kind, Map<String, Object> details) {
        events.append(id, clock.instant(), actor.reference(), kind, details);
        audit.record(new AuditEvent(actor, "breach.case." + kind, Outcome.SUCCESS, null, List.of(id.reference())));
    }
}
