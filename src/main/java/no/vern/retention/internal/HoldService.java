package no.vern.retention.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.processing.ProcessingRecord;
import no.vern.register.Organisation;
import no.vern.register.RetentionView;
import no.vern.retention.LegalHold;
import no.vern.retention.LegalHolds;
import no.vern.retention.NewHold;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;

/** Places, lists and releases legal holds; each change is audited with the hold's target (ids only). */
@Service
class HoldService implements LegalHolds {

    private final Holds holds;
    private final RetentionView register;
    private final ProcessingRecord record;
    private final AuditLog audit;
    private final Clock clock;

    HoldService(Holds holds, RetentionView register, ProcessingRecord record, AuditLog audit, Clock clock) {
        this.holds = holds;
        this.register = register;
        this.record = record;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public LegalHold place(NewHold h) {
        SubjectId subject = null;
        UUID organisation = null;
        String category = null;
        switch (h.scope()) {
            case SUBJECT -> {
                try {
                    subject = SubjectId.parse(h.target());
                } catch (RuntimeException e) {
                    throw new InvalidInput("target", "is not a subject id", "error.field.subjectId");
                }
                if (!register.exists(subject)) {
                    throw new NotFound("Subject", subject);
                }
            }
            case ORGANISATION -> organisation = register.organisation(h.target()).map(Organisation::id)
                    .orElseThrow(() -> new InvalidInput("target", "is not an organisation id or number in the register", "retention.error.organisation"));
            case CATEGORY -> {
                category = h.target();
                if (record.current().document().dataCategory(category).isEmpty()) {
                    throw new InvalidInput("target", "is not a data category of the record of processing", "error.field.category");
                }
            }
        }
        if (!h.reviewOn().isAfter(clock.instant().atZone(clock.getZone()).toLocalDate())) {
            throw new InvalidInput("reviewOn", "must be in the future", "error.field.future");
        }
        Actor actor = Actors.current();
        LegalHold hold = new LegalHold(UUID.randomUUID(), h.scope(), subject, organisation, category, h.reason(),
                h.owner(), h.reviewOn(), actor.reference(), clock.instant(), null, null);
        holds.insert(hold);
        audit.record(AuditEvent.by(actor, "retention.hold.place", Outcome.SUCCESS).withTargets("hold:" + hold.id(),
                hold.target()));
        return hold;
    }

    @Override
    @Transactional
    public LegalHold release(UUID holdId) {
        LegalHold hold = holds.find(holdId).orElseThrow(() -> new NotFound("Legal hold", holdId));
        Actor actor = Actors.current();
        if (holds.release(holdId, actor.reference(), clock.instant())) {
            audit.record(AuditEvent.by(actor, "retention.hold.release", Outcome.SUCCESS).withTargets("hold:" + holdId,
                    hold.target()));
        }
        return holds.find(holdId).orElseThrow();
    }

    @Override
    public List<LegalHold> list() {
        return holds.all();
    }
}
