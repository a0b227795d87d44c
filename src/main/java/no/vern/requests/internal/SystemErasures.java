package no.vern.requests.internal;

import java.util.Collection;
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

/**
 * Erasure reaches every system, every time (issue 20, item 7): what the register erases for a purpose outside
 * a request (consent withdrawal or expiry, retention purge, event purge) fans out ERASE to the connected
 * systems that hold the purpose, through the same durable, retried steps as a request's erasure, under a
 * fan-out id of its own (audited with the subject, the purpose and the fan-out id; no identifiers). A purpose no
 * connected system holds reaches no system: it gets no fan-out, no steps and no audit entry (issue 28 item 8), since
 * nothing is sent anywhere. A purge batch is started in one call ({@link ConnectedSystems#startAll}).
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
    public Set<String> propagated(Collection<String> purposeKeys) {
        ConnectedSystems connected = systems.getIfAvailable();
        return connected == null || purposeKeys.isEmpty() ? Set.of() : connected.holding(purposeKeys);
    }

    @Override
    public void erasedForPurposes(List<PurposeErased> erased) {
        ConnectedSystems connected = systems.getIfAvailable();
        if (connected == null || erased.isEmpty()) {
            return;
        }
        Set<String> held = connected.holding(erased.stream().map(PurposeErased::purposeKey).distinct().toList());
        List<PurposeErased> reaching = erased.stream().filter(e -> held.contains(e.purposeKey())).toList();
        if (reaching.isEmpty()) {
            return;
        }
        List<FanOut> fanOuts = reaching.stream().map(e -> new FanOut(UUID.randomUUID(), Operation.ERASE, e.subject(),
                e.emails(), e.phones(), Set.of(e.purposeKey()))).toList();
        List<List<SystemStep>> steps = connected.startAll(fanOuts);
        for (int i = 0; i < fanOuts.size(); i++) {
            FanOut fanOut = fanOuts.get(i);
            audit.record(AuditEvent.by(Actors.currentOr(no.vern.shared.Actor.system("register")),
                    "requests.systems.erase", Outcome.SUCCESS).withPurpose(reaching.get(i).purposeKey())
                    .withTargets(reaching.get(i).subject().reference(), "fanout:" + fanOut.caseId(),
                            "steps:" + steps.get(i).size()));
        }
    }
}
