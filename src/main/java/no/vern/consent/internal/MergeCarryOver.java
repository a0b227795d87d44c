package no.vern.consent.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.consent.ConsentEventType;
import no.vern.consent.ConsentEventView;
import no.vern.consent.ConsentState;
import no.vern.register.SubjectsMerged;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/**
 * Consents follow a merge of two subjects (issue 20, item 5), in the merge's transaction: a consent in force
 * under the merged subject is recorded for the survivor with the notice the person saw (version, hash,
 * language, expiry) and the reason "carried over", and ends under the merged subject (a ledger event; no
 * withdrawal effects run, nothing was withdrawn). The ledger remembers the merge, so that a withdrawal
 * through an old receipt reaches the survivor (GDPR Art. 7(3)).
 */
@Component
class MergeCarryOver {

    private final ConsentEvents events;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    MergeCarryOver(ConsentEvents events, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.events = events;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    void on(SubjectsMerged merged) {
        Instant now = clock.instant();
        Actor actor = Actors.currentOr(Actor.system("subject-merge"));
        List<ConsentEventView> history = events.history(merged.from());
        for (ConsentState state : events.statesOf(merged.from())) {
            if (!state.activeAt(now)) {
                continue;
            }
            String key = state.purposeKey();
            events.lockKey(merged.into(), key);
            boolean survivorHas = events.state(merged.into(), key).map(s -> s.activeAt(now)).orElse(false);
            if (!survivorHas) {
                Optional<ConsentEventView> given = history.stream()
                        .filter(e -> e.purposeKey().equals(key) && e.type().grants()).reduce((a, b) -> b);
                ConsentEventView g = given.orElseThrow();
                events.append(new ConsentEvents.NewEvent(merged.into(), key, ConsentEventType.GIVEN, now, g.channel(),
                        g.noticeVersion(), g.noticeHash(), g.language(), actor.reference(), null, state.expiresAt(),
                        "carried over from merged " + merged.from().reference()));
            }
            events.lockKey(merged.from(), key);
            events.append(new ConsentEvents.NewEvent(merged.from(), key, ConsentEventType.WITHDRAWN, now,
                    no.vern.consent.Channel.SYSTEM, null, null, null, actor.reference(), null, null,
                    "merged into " + merged.into().reference()));
        }
        jdbc.sql("""
                INSERT INTO consent_subject_merge (from_subject, into_subject, merged_at) VALUES (:f, :i, :at)
                ON CONFLICT (from_subject) DO NOTHING""").param("f", merged.from().value())
                .param("i", merged.into().value()).param("at", JdbcTime.param(now)).update();
        audit.record(AuditEvent.by(actor, "consent.merge.carry-over", Outcome.SUCCESS)
                .withTargets(merged.into().reference(), merged.from().reference()));
    }

    /** The subject that holds a merged subject's consents now (following merges), or the subject itself. */
    SubjectId current(SubjectId subject) {
        SubjectId at = subject;
        for (int hops = 0; hops < 10; hops++) {
            Optional<UUID> into = jdbc.sql("SELECT into_subject FROM consent_subject_merge WHERE from_subject = :f")
                    .param("f", at.value()).query((rs, n) -> rs.getObject(1, UUID.class)).optional();
            if (into.isEmpty()) {
                return at;
            }
            at = new SubjectId(into.get());
        }
        return at;
    }
}
