package no.vern.requests.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.register.ErasurePropagation;
import no.vern.requests.ConnectedSystems;
import no.vern.requests.FanOut;
import no.vern.requests.Operation;
import no.vern.requests.SystemStep;
import no.vern.shared.Actors;
import no.vern.shared.SubjectId;

/**
 * Erasure reaches every system, every time (issue 20, item 7): what the register erases for a purpose outside
 * a request (consent withdrawal or expiry, retention purge, event purge) fans out ERASE to the connected
 * systems that hold the purpose, through the same durable, retried steps as a request's erasure, under a
 * fan-out id of its own (audited with the subject, the purpose and the fan-out id; no identifiers).
 */
@Component
class SystemErasures implements ErasurePropagation {

    private final ObjectProvider<ConnectedSystems> systems;
    private final AuditLog audit;

    SystemErasures(ObjectProvider<ConnectedSystems> systems, AuditLog audit) {
        this.systems = systems;
        this.audit = audit;
    }

    @Override
    public void erasedForPurpose(SubjectId subject, String purposeKey, Set<String> emails, Set<String> phones) {
        ConnectedSystems connected = systems.getIfAvailable();
        if (connected == null) {
            return;
        }
        UUID fanOut = UUID.randomUUID();
        List<SystemStep> steps = connected.start(new FanOut(fanOut, Operation.ERASE, subject, emails, phones,
                Set.of(purposeKey)));
        audit.record(AuditEvent.by(Actors.currentOr(no.vern.shared.Actor.system("register")),
                "requests.systems.erase", Outcome.SUCCESS).withPurpose(purposeKey)
                .withTargets(subject.reference(), "fanout:" + fanOut, "steps:" + steps.size()));
    }
}
