package no.vern.retention.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.consent.ConsentExpired;
import no.vern.consent.ConsentWithdrawn;
import no.vern.register.Organisation;
import no.vern.register.RetentionView;
import no.vern.retention.ClockEvent;
import no.vern.retention.ClockEventKind;
import no.vern.retention.RetentionClock;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;

/**
 * Records the events that start retention clocks: from staff and other systems (agreement ended,
 * recruitment closed, event held, last activity) and from the consent module (withdrawn, expired).
 */
@Service
class ClockService implements RetentionClock {

    private static final Duration MAX_FUTURE = Duration.ofDays(366);

    private final ClockEvents events;
    private final RetentionView register;
    private final AuditLog audit;
    private final Clock clock;

    ClockService(ClockEvents events, RetentionView register, AuditLog audit, Clock clock) {
        this.events = events;
        this.register = register;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public ClockEvent agreementEnded(String organisation, Instant endedAt) {
        Organisation org = register.organisation(organisation)
                .orElseThrow(() -> new NotFound("Organisation", organisation.strip()));
        checkTime(endedAt);
        Actor actor = Actors.current();
        ClockEvent event = events.insert(ClockEventKind.AGREEMENT_ENDED, org.id(), null, null, endedAt, clock.instant(),
                actor.reference());
        audit.record(AuditEvent.by(actor, "retention.clock.agreement-ended", Outcome.SUCCESS)
                .withTargets("organisation:" + org.id()));
        return event;
    }

    @Override
    @Transactional
    public ClockEvent subjectEvent(ClockEventKind kind, SubjectId subject, Instant occurredAt,
            @Nullable String purposeKey) {
        if (kind == ClockEventKind.AGREEMENT_ENDED || kind == ClockEventKind.CONSENT_ENDED) {
            throw new InvalidInput("kind", "must be RECRUITMENT_CLOSED, EVENT_HELD or LAST_ACTIVITY", "error.field.choose");
        }
        if (!register.exists(subject)) {
            throw new NotFound("Subject", subject);
        }
        checkTime(occurredAt);
        Actor actor = Actors.current();
        ClockEvent event = events.insert(kind, null, subject, purposeKey, occurredAt, clock.instant(), actor.reference());
        audit.record(AuditEvent.by(actor, "retention.clock." + kind.name().toLowerCase().replace('_', '-'),
                Outcome.SUCCESS).withTargets(subject.reference()));
        return event;
    }

    @Override
    public List<ClockEvent> ofOrganisation(UUID organisation) {
        return events.ofOrganisation(organisation);
    }

    @Override
    public List<ClockEvent> recent(int limit) {
        return events.recent(Math.max(1, Math.min(limit, 500)));
    }

    @ApplicationModuleListener
    void on(ConsentWithdrawn event) {
        consentEnded(event.subject(), event.purposeKey());
    }

    @ApplicationModuleListener
    void on(ConsentExpired event) {
        consentEnded(event.subject(), event.purposeKey());
    }

    private void consentEnded(SubjectId subject, String purposeKey) {
        events.insert(ClockEventKind.CONSENT_ENDED, null, subject, purposeKey, clock.instant(), clock.instant(),
                Actor.system("retention").reference());
    }

    private void checkTime(Instant at) {
        if (at.isAfter(clock.instant().plus(MAX_FUTURE))) {
            throw new InvalidInput("at", "must not be more than a year ahead", "retention.error.atTooFar");
        }
    }
}
