package no.vern.breach;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One breach as the register keeps it (GDPR Art. 33(5)): facts, risk assessment, decisions,
 * notifications and the 72-hour clock. Holds the reporter's optional contact, so
 * {@link #toString()} masks it.
 *
 * @param id opaque id
 * @param receipt receipt number given to the reporter, e.g. {@code AVVIK-2026-0042}
 * @param title short title
 * @param channel how it was reported
 * @param reportedBy actor reference of the reporter
 * @param reportedAt when the report arrived
 * @param discoveredAt when it was discovered, if known
 * @param awareAt when the company became aware (the clock starts here)
 * @param notifyAuthorityBy {@code awareAt} + 72 real hours (Art. 33(1))
 * @param facts the Art. 33(5) facts
 * @param activities ids of the processing activities concerned
 * @param risk the risk assessment, null until assessed
 * @param riskReasoning why the risk is what it is
 * @param assessedBy who assessed it
 * @param assessedAt when
 * @param noticeDecision {@code NOTIFY} or the name of a {@link NoticeException}, null until decided
 * @param noticeReasoning why (Art. 34(3) exceptions need a reason)
 * @param publicNotice public notice text when telling each person is disproportionate (Art. 34(3)(c))
 * @param reporterContact contact details the reporter chose to give, erased at closing
 * @param closedAt when it was closed
 * @param closedBy who closed it
 * @param notifications notifications sent to Datatilsynet, oldest first
 * @param decisions decisions, oldest first
 * @param affectedSubjects number of people linked
 * @param estimatedSubjects the register's estimate of the people affected by the chosen activities, if known; a
 *        suggestion beside the officer's own number in the facts, never written over it
 * @param estimatedRecords the register's estimate of the records affected, if known
 */
public record Breach(BreachId id, String receipt, String title, Channel channel, String reportedBy,
        Instant reportedAt, @Nullable Instant discoveredAt, Instant awareAt, Instant notifyAuthorityBy,
        BreachFacts facts, List<String> activities, @Nullable RiskLevel risk, String riskReasoning,
        @Nullable String assessedBy, @Nullable Instant assessedAt, @Nullable String noticeDecision,
        String noticeReasoning, String publicNotice, @Nullable String reporterContact, @Nullable Instant closedAt,
        @Nullable String closedBy, List<AuthorityNotification> notifications, List<Decision> decisions,
        int affectedSubjects, @Nullable Long estimatedSubjects, @Nullable Long estimatedRecords) {

    /** Art. 33(1): "not later than 72 hours after having become aware of it" — real hours, weekends count. */
    public static final Duration AUTHORITY_DEADLINE = Duration.ofHours(72);

    public Breach {
        activities = List.copyOf(activities);
        notifications = List.copyOf(notifications);
        decisions = List.copyOf(decisions);
    }

    /** The deadline for notifying Datatilsynet: 72 real hours after awareness (not three calendar days). */
    public static Instant deadlineFor(Instant awareAt) {
        return awareAt.plus(AUTHORITY_DEADLINE);
    }

    /** The status, derived from what has been recorded. */
    public BreachStatus status() {
        if (closedAt != null) {
            return BreachStatus.CLOSED;
        }
        if (authorityNotified()) {
            return BreachStatus.NOTIFIED_AUTHORITY;
        }
        if (risk == RiskLevel.NONE) {
            return BreachStatus.NOT_NOTIFIABLE;
        }
        return risk == null ? BreachStatus.REPORTED : BreachStatus.ASSESSED;
    }

    /** Whether an initial notification to Datatilsynet has been recorded. */
    public boolean authorityNotified() {
        return notifications.stream().anyMatch(n -> n.phase() == NotificationPhase.INITIAL);
    }

    /** Whether the 72-hour clock still matters: open, not notified, and not assessed as no risk. */
    public boolean clockRunning() {
        return closedAt == null && !authorityNotified() && risk != RiskLevel.NONE;
    }

    /** Time left until the deadline (negative when overdue). */
    public Duration timeLeft(Instant now) {
        return Duration.between(now, notifyAuthorityBy);
    }

    /** Whether the clock runs and the deadline has passed. */
    public boolean overdue(Instant now) {
        return clockRunning() && now.isAfter(notifyAuthorityBy);
    }

    /** Whether the Art. 34(3)(c) public notice applies. */
    public boolean publicNoticeChosen() {
        return NoticeException.DISPROPORTIONATE_EFFORT.name().equals(noticeDecision);
    }

    @Override
    public String toString() {
        return "Breach[id=" + id + ", receipt=" + receipt + ", status=" + status() + ", reporterContact="
                + (reporterContact == null ? "none" : "***") + "]";
    }
}
