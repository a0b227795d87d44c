package no.vern.audit.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import no.vern.audit.AuditChain;
import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.AuditVerification;
import no.vern.audit.Outcome;
import no.vern.shared.Actor;
import no.vern.shared.Actors;

/** The audit chain's API: forced sealing and verification on behalf of the current actor. */
@Service
class AuditChainService implements AuditChain {

    private final Sealer sealer;
    private final Verifier verifier;
    private final AuditLog audit;

    AuditChainService(Sealer sealer, Verifier verifier, AuditLog audit) {
        this.sealer = sealer;
        this.verifier = verifier;
        this.audit = audit;
    }

    @Override
    public int sealPending() {
        return sealer.sealAll();
    }

    @Override
    public AuditVerification verify() {
        return verifyAs(Actors.current());
    }

    /** Verifies on behalf of an explicit actor (the nightly job) and records that it was done. */
    AuditVerification verifyAs(Actor actor) {
        AuditVerification result = verifier.verify(actor);
        audit.record(AuditEvent.by(actor, "audit.chain.verified", result.ok() ? Outcome.SUCCESS : Outcome.FAILURE));
        return result;
    }

    @Override
    public List<AuditVerification> recentVerifications(int limit) {
        return verifier.recent(limit);
    }

    @Override
    public Optional<AuditVerification> lastVerification() {
        return verifier.lastVerification();
    }

    @Override
    public long unsealedCount() {
        return sealer.unsealedCount();
    }
}
