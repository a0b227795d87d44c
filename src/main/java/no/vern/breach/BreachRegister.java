package no.vern.breach;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * The breach register (GDPR Art. 33(5), S21): every breach is reported here, kept whether or not it
 * was notified, assessed, and followed by the 72-hour clock. Every change is audited and appended
 * to the breach's timeline; the acting person is taken from the current request.
 */
public interface BreachRegister {

    /** Records a new breach, starts the clock, and tells the privacy officer at once (S22). */
    Breach report(NewBreach report);

    /** One breach; {@link no.vern.shared.NotFound} if it does not exist. */
    Breach get(BreachId id);

    /** Every breach, newest first; the register never forgets one (Art. 33(5)). */
    List<Breach> list();

    /** The breaches reported by one actor, newest first (what a reporter may see). */
    List<Breach> reportedBy(String actorReference);

    /** Replaces the Art. 33(5) facts. */
    Breach updateFacts(BreachId id, BreachFacts facts);

    /**
     * Chooses the processing activities concerned: computes the data categories and subject
     * relation from the record of processing, and numbers from the {@link AffectedDataEstimator}.
     */
    Breach chooseActivities(BreachId id, List<String> activityIds, @Nullable Instant from, @Nullable Instant to);

    /** Records the risk assessment with its reasoning (required, also for "no risk"). */
    Breach assess(BreachId id, RiskLevel risk, String reasoning);

    /** Records a decision and who made it. */
    Breach decide(BreachId id, String decision);

    /**
     * Records a notification to Datatilsynet; an initial notification after the deadline needs the
     * reason for the delay (Art. 33(1)), otherwise {@link no.vern.shared.InvalidInput}.
     */
    Breach recordAuthorityNotification(BreachId id, NotificationPhase phase, Instant sentAt, String reference,
            String delayReason);

    /** Links affected people by id; returns how many were new. */
    int linkSubjects(BreachId id, List<SubjectId> subjects, String source);

    /** Links the people whose data the actor touched between from and to, according to the audit log. */
    int linkFromAudit(BreachId id, String actorReference, Instant from, Instant to);

    /** The linked people. */
    List<AffectedSubject> affectedSubjects(BreachId id);

    /**
     * Decides how the people are told (Art. 34): {@code null} exception means each person is
     * notified; an exception needs its reasoning, and disproportionate effort a public notice text.
     */
    Breach decideSubjectNotice(BreachId id, @Nullable NoticeException exception, String reasoning,
            String publicNotice);

    /** The plain-language notice for the people affected, in Norwegian and English (Art. 34(2)). */
    BreachNotice notice(BreachId id);

    /** Sends the notice to every linked person not yet notified and records the outcome per person. */
    List<AffectedSubject> notifySubjects(BreachId id);

    /** Closes the breach and erases the reporter's contact details. */
    Breach close(BreachId id);

    /** The append-only timeline, oldest first. */
    List<TimelineEntry> timeline(BreachId id);
}
