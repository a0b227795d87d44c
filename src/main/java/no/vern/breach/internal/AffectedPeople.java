package no.vern.breach.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditFilter;
import no.vern.audit.AuditLog;
import no.vern.audit.AuditPage;
import no.vern.audit.AuditRecord;
import no.vern.audit.AuditTrail;
import no.vern.audit.Outcome;
import no.vern.breach.AffectedSubject;
import no.vern.breach.Breach;
import no.vern.breach.BreachFacts;
import no.vern.breach.BreachId;
import no.vern.breach.BreachNotice;
import no.vern.breach.BreachNoticeSender;
import no.vern.breach.NoticeException;
import no.vern.breach.NoticeOutcome;
import no.vern.shared.Actor;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;

/**
 * The people a breach affects (GDPR Art. 34): linked by id or found in the audit trail of an actor's
 * reads, the decision to tell them or the exception that applies (with reasons), and the notices sent
 * through the {@link BreachNoticeSender}, each person's delivery recorded.
 */
@Component
class AffectedPeople {

    private static final int MAX_REASON = 4000;

    private final Breaches breaches;
    private final BreachEvents events;
    private final BreachChanges changes;
    private final AffectedSubjects affected;
    private final AuditLog audit;
    private final AuditTrail trail;
    private final BreachNoticeSender sender;
    private final NoticeTexts notices;
    private final Clock clock;

    AffectedPeople(Breaches breaches, BreachEvents events, BreachChanges changes, AffectedSubjects affected,
            AuditLog audit, AuditTrail trail, ObjectProvider<BreachNoticeSender> sender, NoticeTexts notices,
            Clock clock) {
        this.breaches = breaches;
        this.events = events;
        this.changes = changes;
        this.affected = affected;
        this.audit = audit;
        this.trail = trail;
        // The communications module implements this later; until then notices stay pending.
        this.sender = sender.getIfAvailable(PendingNoticeSender::new);
        this.notices = notices;
        this.clock = clock;
    }

    int linkSubjects(BreachId id, List<SubjectId> subjects, String source) {
        Actor actor = changes.lock(id);
        return link(id, actor, subjects, source);
    }

    int linkFromAudit(BreachId id, String actorReference, Instant from, Instant to) {
        Actor actor = changes.lock(id);
        AuditFilter filter = new AuditFilter(actorReference, null, null, null, from, to);
        Set<SubjectId> found = new LinkedHashSet<>();
        for (int page = 0; page < 100; page++) {
            AuditPage result = trail.search(filter, page, AuditPage.MAX_SIZE);
            for (AuditRecord entry : result.entries()) {
                for (String target : entry.targets()) {
                    if (target.startsWith("subject:")) {
                        try {
                            found.add(SubjectId.parse(target.substring("subject:".length())));
                        } catch (InvalidInput ignored) {
                            // Not a subject id after all; skip it.
                        }
                    }
                }
            }
            if (!result.hasNext()) {
                break;
            }
        }
        return link(id, actor, List.copyOf(found), "audit");
    }

    private int link(BreachId id, Actor actor, List<SubjectId> subjects, String source) {
        if (subjects.size() > 10_000) {
            throw new InvalidInput("subjects", "at most 10000 at a time", "breach.error.tooManySubjects");
        }
        Instant now = clock.instant();
        int added = 0;
        List<String> targets = new ArrayList<>();
        targets.add(id.reference());
        for (SubjectId subject : new LinkedHashSet<>(subjects)) {
            if (affected.link(id, subject, source, now)) {
                added++;
                if (targets.size() < 50) {
                    targets.add(subject.reference());
                }
            }
        }
        events.append(id, now, actor.reference(), "subjects-linked", Map.of("source", source, "added", added));
        audit.record(new AuditEvent(actor, "breach.subjects.link", Outcome.SUCCESS, null, targets));
        return added;
    }

    void decideNotice(BreachId id, @Nullable NoticeException exception, String reasoning, String publicNotice) {
        Actor actor = changes.lock(id);
        String why = reasoning == null ? "" : reasoning.strip();
        String text = publicNotice == null ? "" : publicNotice.strip();
        if (exception != null && why.isEmpty()) {
            // GDPR Art. 34(3): an exception is a decision that must be justified in the register.
            throw new InvalidInput("reasoning", "is required for an exception", "breach.error.reasoningForException");
        }
        if (exception == NoticeException.DISPROPORTIONATE_EFFORT && text.isEmpty()) {
            // GDPR Art. 34(3)(c): "a public communication or similar measure" instead.
            throw new InvalidInput("publicNotice", "is required when telling each person is disproportionate", "breach.error.publicNotice");
        }
        if (why.length() > MAX_REASON || text.length() > BreachFacts.MAX_TEXT) {
            throw new InvalidInput("reasoning", "is too long", "error.field.tooLongText");
        }
        String decision = exception == null ? BreachService.NOTIFY : exception.name();
        breaches.noticeDecision(id, decision, why, text);
        changes.done(id, actor, "subject-notice-decided", Map.of("decision", decision));
    }

    List<AffectedSubject> notifyAll(BreachId id) {
        Actor actor = changes.lock(id);
        Breach breach = breaches.find(id).orElseThrow(() -> new NotFound("Breach", id));
        if (!BreachService.NOTIFY.equals(breach.noticeDecision())) {
            throw new Conflict("breach-notice-not-decided", "Notice not decided",
                    "Decide to notify the people affected (Art. 34(1)) before sending notices.");
        }
        BreachNotice notice = notices.notice(breach);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (AffectedSubject subject : affected.of(id)) {
            if ("SENT".equals(subject.noticeStatus())) {
                continue;
            }
            NoticeOutcome outcome;
            try {
                outcome = sender.send(subject.subject(), notice);
            } catch (RuntimeException e) {
                outcome = NoticeOutcome.failed();
            }
            boolean sent = outcome.delivery() == NoticeOutcome.Delivery.SENT;
            affected.recordNotice(id, subject.subject(), outcome.delivery().name(), sent ? clock.instant() : null,
                    sent ? outcome.language() : null);
            counts.merge(outcome.delivery().name(), 1, Integer::sum);
        }
        events.append(id, clock.instant(), actor.reference(), "subjects-notified", Map.copyOf(counts));
        audit.record(new AuditEvent(actor, "breach.subjects.notify", Outcome.SUCCESS, null, List.of(id.reference())));
        return affected.of(id);
    }
}
