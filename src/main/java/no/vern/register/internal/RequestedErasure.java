package no.vern.register.internal;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.register.ErasureResult;
import no.vern.register.RecordsErased;
import no.vern.shared.Actor;
import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;

/**
 * Erasure asked for through the register's API: a whole subject by the steps of {@link Erasure}
 * (GDPR Art. 17), answered as already done when it was; or only what is held for one purpose
 * (consent withdrawal, S5), after which the blind indexes are rebuilt from what remains.
 */
@Component
class RequestedErasure {

    private final Subjects subjects;
    private final Erasure erasure;
    private final SubjectIndexes indexes;
    private final SubjectAccess access;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final PurposeErasureFanOut fanOut;

    RequestedErasure(PurposeErasureFanOut fanOut, Subjects subjects, Erasure erasure, SubjectIndexes indexes, SubjectAccess access, AuditLog audit,
            ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        this.fanOut = fanOut;
        this.subjects = subjects;
        this.erasure = erasure;
        this.indexes = indexes;
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    ErasureResult erase(SubjectId id) {
        Subjects.Row row = access.visibleRowEvenErased(id);
        if (row.erasureCompletedAt() != null) {
            return new ErasureResult(id, true, erasure.rowsPending(id));
        }
        Actor actor = access.actor();
        erasure.markErased(id);
        erasure.shred(id);
        erasure.finish(id, actor);
        return new ErasureResult(id, false, erasure.rowsPending(id));
    }

    int eraseRecords(SubjectId id, String purposeKey) {
        if (!purposeKey.matches("[a-z][a-z0-9-]{1,60}")) {
            throw new InvalidInput("purpose", "is not a purpose key", "error.field.purposeKey");
        }
        access.visibleRow(id, Visibility.current());
        Integer touched = tx.execute(status -> {
            PurposeErasureFanOut.Identifiers ids = fanOut.before(id);
            int erased = subjects.erasePurpose(id, purposeKey);
            fanOut.after(id, purposeKey, ids, erased);
            Instant now = clock.instant();
            indexes.rebuild(id);
            subjects.change(id, now, access.actor().reference(), "purpose:" + purposeKey, "erased");
            subjects.changed(id, now);
            events.publishEvent(new RecordsErased(id, purposeKey));
            audit.record(AuditEvent.by(access.actor(), "register.records.erase", Outcome.SUCCESS)
                    .withPurpose(purposeKey).withTargets(id.reference()));
            return erased;
        });
        return touched == null ? 0 : touched;
    }
}
