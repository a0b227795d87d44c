package no.vern.consent.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.Set;

import org.springframework.context.annotation.Fallback;
import org.springframework.stereotype.Component;

import no.vern.register.ConsentGate;
import no.vern.shared.SubjectId;

/**
 * The register's consent gate (S4, S5), answered from {@code consent_state} by primary key on every
 * call, with no cache: a withdrawal committed on any node closes the gate on every node at once
 * (GDPR Art. 7(3)). Marked {@link Fallback} only so that a test may declare a stand-in gate; in the
 * application it is the one gate.
 */
@Component
@Fallback
class LedgerConsentGate implements ConsentGate {

    private final ConsentEvents events;
    private final Clock clock;

    LedgerConsentGate(ConsentEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public boolean permits(SubjectId subject, String purposeKey) {
        return events.permits(subject, purposeKey, clock.instant());
    }

    @Override
    public Set<SubjectId> permittedAmong(Collection<SubjectId> subjects, String purposeKey) {
        return subjects.isEmpty() ? Set.of() : events.permittedAmong(subjects, purposeKey, clock.instant());
    }

    @Override
    public String inForceSql(String subjectColumn) {
        return ConsentEvents.inForce(subjectColumn);
    }
}
