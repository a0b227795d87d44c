package no.vern.breach.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.breach.AffectedDataEstimate;
import no.vern.breach.AffectedDataEstimator;
import no.vern.breach.AffectedSubject;
import no.vern.breach.Breach;
import no.vern.breach.BreachFacts;
import no.vern.breach.BreachId;
import no.vern.breach.BreachNotice;
import no.vern.breach.BreachRegister;
import no.vern.breach.NewBreach;
import no.vern.breach.NoticeException;
import no.vern.breach.NotificationPhase;
import no.vern.breach.RiskLevel;
import no.vern.breach.TimelineEntry;
import no.vern.processing.Activity;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.ProcessingRecord;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.Mail;
import no.vern.shared.NotFound;
import no.vern.shared.OutgoingMail;
import no.vern.shared.SubjectId;
import no.vern.shared.TimeFormat;

/**
 * The breach register: report, facts, assessment, decisions and the notification to Datatilsynet
 * (GDPR Art. 33) here; the people affected and their notices in {@link AffectedPeople} (Art. 34). Every
 * change locks the breach, is audited and appended to its timeline ({@link BreachChanges}).
 */
@Service
class BreachService implements BreachRegister {

    static final String NOTIFY = "NOTIFY";
    private static final int MAX_REASON = 4000;

    private final Breaches breaches;
    private final BreachEvents events;
    private final BreachChanges changes;
    private final AffectedPeople people;
    private final AffectedSubjects affected;
    private final OutgoingMail mail;
    private final AuditLog audit;
    private final ProcessingRecord record;
    private final AffectedDataEstimator estimator;
    private final NoticeTexts notices;
    private final BreachProperties properties;
    private final TimeFormat time;
    private final Clock clock;

    BreachService(Breaches breaches, BreachEvents events, BreachChanges changes, AffectedPeople people,
            AffectedSubjects affected, OutgoingMail mail, AuditLog audit, ProcessingRecord record,
            ObjectProvider<AffectedDataEstimator> estimator, NoticeTexts notices, BreachProperties properties,
            TimeFormat time, Clock clock) {
        this.breaches = breaches;
        this.events = events;
        this.changes = changes;
        this.people = people;
        this.affected = affected;
        this.mail = mail;
        this.audit = audit;
        this.record = record;
        // The register module implements this later; until then the strict default applies.
        this.estimator = estimator.getIfAvailable(UnknownEstimator::new);
        this.notices = notices;
        this.properties = properties;
        this.time = time;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Breach report(NewBreach report) {
        return report(report, Actors.current());
    }

    Breach report(NewBreach report, Actor actor) {
        Instant now = clock.instant();
        BreachId id = BreachId.random();
        String receipt = breaches.nextReceipt(now);
        breaches.insert(id, receipt, report, actor.reference(), now);
        // Ids and codes only: the reporter's contact and the free text stay out of the timeline.
        events.append(id, now, actor.reference(), "reported", Map.of("receipt", receipt, "channel",
                report.channel().name(), "awareAt", report.awareAt().toString()));
        audit.record(new AuditEvent(actor, "breach.case.report", Outcome.SUCCESS, null, List.of(id.reference())));
        Breach breach = get(id);
        mail.send(Mail.to(record.current().document().companyProfile().privacyMailbox(), "[Vern] Nytt avvik / new breach " + receipt, """
                Et nytt avvik er meldt i Vern / A new breach was reported in Vern.

                Kvittering / receipt: %s
                Kanal / channel: %s
                Frist for melding til Datatilsynet / deadline for Datatilsynet: %s (Europe/Oslo)

                %s/console/breach/%s
                """.formatted(receipt, report.channel(), time.local(breach.notifyAuthorityBy()),
                properties.consoleUrl(), id)));
        return breach;
    }

    @Override
    @Transactional(readOnly = true)
    public Breach get(BreachId id) {
        return breaches.find(id).orElseThrow(() -> new NotFound("Breach", id));
    }

    @Override
    @Transactional(readOnly = true)
    public List<Breach> list() {
        return breaches.all();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Breach> reportedBy(String actorReference) {
        return breaches.reportedBy(actorReference);
    }

    @Override
    @Transactional
    public Breach updateFacts(BreachId id, BreachFacts facts) {
        Actor actor = changes.lock(id);
        breaches.updateFacts(id, facts);
        changes.done(id, actor, "facts-updated", Map.of("dataCategories", facts.dataCategories(),
                "approxSubjects", String.valueOf(facts.approxSubjects()), "approxRecords", String.valueOf(facts.approxRecords())));
        return get(id);
    }

    @Override
    @Transactional
    public Breach chooseActivities(BreachId id, List<String> activityIds, @Nullable Instant from, @Nullable Instant to) {
        Actor actor = changes.lock(id);
        ProcessingRecordDocument doc = record.current().document();
        Set<String> categories = new LinkedHashSet<>();
        Set<String> relation = new LinkedHashSet<>();
        List<String> chosen = new ArrayList<>();
        for (String activityId : activityIds) {
            Activity activity = doc.activity(activityId)
                    .orElseThrow(() -> new InvalidInput("activities", "names an activity that is not in the record", "breach.error.activity"));
            chosen.add(activity.id());
            categories.addAll(activity.dataCategories());
            activity.subjects().forEach(s -> relation.add(s.name()));
        }
        AffectedDataEstimate estimate = estimator.estimate(chosen, from, to);
        Breach current = get(id);
        BreachFacts f = current.facts();
        breaches.updateActivities(id, chosen);
        // The officer's numbers stay as entered: the estimate is kept beside them as a suggestion.
        breaches.updateFacts(id, new BreachFacts(f.whatHappened(), f.howItArose(), f.mainCause(),
                from == null ? f.periodFrom() : from, to == null ? f.periodTo() : to, List.copyOf(categories),
                List.copyOf(relation), f.approxSubjects(), f.approxRecords(), f.dataLocation(), f.consequences(),
                f.measuresTaken(), f.measuresPlanned(), f.delayReasons()));
        breaches.updateEstimate(id, estimate.subjects(), estimate.records());
        int proposed = 0;
        Instant now = clock.instant();
        for (SubjectId subject : estimate.proposedSubjects()) {
            if (affected.link(id, subject, "estimate", now)) {
                proposed++;
            }
        }
        changes.done(id, actor, "activities-chosen", Map.of("activities", chosen, "dataCategories", List.copyOf(categories),
                "estimateKnown", estimate.known(), "proposedSubjects", proposed));
        return get(id);
    }

    @Override
    @Transactional
    public Breach assess(BreachId id, RiskLevel risk, String reasoning) {
        Actor actor = changes.lock(id);
        String why = reasoning == null ? "" : reasoning.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            // Art. 33(5): also a breach that is not notified needs its reasoning documented.
            throw new InvalidInput("reasoning", "is required (at most " + MAX_REASON + " characters)",
                    "error.field.requiredAtMost", String.valueOf(MAX_REASON));
        }
        breaches.assess(id, risk, why, actor.reference(), clock.instant());
        changes.done(id, actor, "assessed", Map.of("risk", risk.name()));
        return get(id);
    }

    @Override
    @Transactional
    public Breach decide(BreachId id, String decision) {
        Actor actor = changes.lock(id);
        String text = decision == null ? "" : decision.strip();
        if (text.isEmpty() || text.length() > MAX_REASON) {
            throw new InvalidInput("decision", "is required (at most " + MAX_REASON + " characters)",
                    "error.field.requiredAtMost", String.valueOf(MAX_REASON));
        }
        breaches.addDecision(id, text, actor.reference(), clock.instant());
        changes.done(id, actor, "decision", Map.of());
        return get(id);
    }

    @Override
    @Transactional
    public Breach recordAuthorityNotification(BreachId id, NotificationPhase phase, Instant sentAt, String reference,
            String delayReason) {
        Actor actor = changes.lock(id);
        Breach breach = get(id);
        Instant now = clock.instant();
        String ref = reference == null ? "" : reference.strip();
        String delay = delayReason == null ? "" : delayReason.strip();
        if (sentAt == null || sentAt.isAfter(now.plusSeconds(300))) {
            throw new InvalidInput("sentAt", "is required and must not be in the future", "breach.error.sentAt");
        }
        if (sentAt.isBefore(breach.awareAt())) {
            throw new InvalidInput("sentAt", "must not be before the company became aware", "breach.error.sentBeforeAware");
        }
        if (ref.length() > 200 || delay.length() > MAX_REASON) {
            throw new InvalidInput("reference", "is too long", "error.field.tooLongText");
        }
        if (phase == NotificationPhase.FOLLOW_UP && !breach.authorityNotified()) {
            throw new Conflict("breach-no-initial-notification", "No initial notification",
                    "A follow-up needs an initial notification first (Art. 33(4)).");
        }
        if (phase == NotificationPhase.INITIAL && breach.authorityNotified()) {
            throw new Conflict("breach-already-notified", "Already notified",
                    "An initial notification is already recorded; record a follow-up instead.");
        }
        boolean late = sentAt.isAfter(breach.notifyAuthorityBy());
        if (phase == NotificationPhase.INITIAL && late && delay.isEmpty()) {
            // The reasons written into the facts are the ones the draft carried to the authority.
            delay = breach.facts().delayReasons();
        }
        if (phase == NotificationPhase.INITIAL && late && delay.isEmpty()) {
            // GDPR Art. 33(1): "Where the notification ... is not made within 72 hours, it shall be
            // accompanied by reasons for the delay."
            throw new InvalidInput("delayReason", "is required: the notification is after the 72-hour deadline", "breach.error.delayReason");
        }
        breaches.addNotification(id, phase, sentAt, ref, delay, actor.reference(), now);
        changes.done(id, actor, "authority-notified", Map.of("phase", phase.name(), "sentAt", sentAt.toString(), "late", late));
        return get(id);
    }

    @Override
    @Transactional
    public int linkSubjects(BreachId id, List<SubjectId> subjects, String source) {
        return people.linkSubjects(id, subjects, source);
    }

    @Override
    @Transactional
    public int linkFromAudit(BreachId id, String actorReference, Instant from, Instant to) {
        return people.linkFromAudit(id, actorReference, from, to);
    }

    @Override
    @Transactional(readOnly = true)
    public List<AffectedSubject> affectedSubjects(BreachId id) {
        get(id);
        return affected.of(id);
    }

    @Override
    @Transactional
    public Breach decideSubjectNotice(BreachId id, @Nullable NoticeException exception, String reasoning,
            String publicNotice) {
        people.decideNotice(id, exception, reasoning, publicNotice);
        return get(id);
    }

    @Override
    @Transactional(readOnly = true)
    public BreachNotice notice(BreachId id) {
        return notices.notice(get(id));
    }

    @Override
    @Transactional
    public List<AffectedSubject> notifySubjects(BreachId id) {
        return people.notifyAll(id);
    }

    @Override
    @Transactional
    public Breach close(BreachId id) {
        Actor actor = changes.lock(id);
        Breach breach = get(id);
        if (breach.closedAt() != null) {
            throw new Conflict("breach-closed", "Already closed", "The breach is already closed.");
        }
        if (breach.risk() == null) {
            throw new Conflict("breach-not-assessed", "Not assessed", "Assess the risk before closing (Art. 33(5)).");
        }
        breaches.close(id, actor.reference(), clock.instant());
        changes.done(id, actor, "closed", Map.of());
        return get(id);
    }

    @Override
    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(BreachId id) {
        get(id);
        return events.of(id);
    }
}
