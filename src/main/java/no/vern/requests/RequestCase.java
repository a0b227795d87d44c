package no.vern.requests;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * A data-subject request case without personal data: what the dashboard, the API and the history show.
 *
 * @param id the case id
 * @param kind what is asked
 * @param channel how it arrived
 * @param status where it stands
 * @param subject the register subject, or the case's own pre-allocated subject id (key holder) when the person is not in the register
 * @param inRegister whether the email address matched a subject in the register (then it is "on file")
 * @param language the person's language (nb or en)
 * @param receivedAt when it was received
 * @param dueAt when the answer is due (end of day, Europe/Oslo)
 * @param extendedAt when it was extended, or null
 * @param assignee the handler's username, or null
 * @param verifiedAt when the person's identity was verified, or null
 * @param verifiedBy how: {@code code} or {@code handler:<name>}, or null
 * @param linkedTo an earlier open case of the same person and kind this one duplicates, or null
 * @param closedAt when it was completed or refused, or null
 * @param version the optimistic-lock version
 */
public record RequestCase(RequestId id, RequestKind kind, RequestChannel channel, RequestStatus status,
        SubjectId subject, boolean inRegister, String language, Instant receivedAt, Instant dueAt,
        @Nullable Instant extendedAt, @Nullable String assignee, @Nullable Instant verifiedAt,
        @Nullable String verifiedBy, @Nullable RequestId linkedTo, @Nullable Instant closedAt, long version) {

    /** Whether the case is closed. */
    public boolean closed() {
        return status.closed();
    }

    /** Time left until the deadline (negative when overdue). */
    public Duration timeLeft(Instant now) {
        return Duration.between(now, dueAt);
    }

    /** The warning level of the dashboard: {@code overdue}, {@code 2d} (two days or less), {@code 7d}, or empty. */
    public String warning(Instant now) {
        if (closed()) {
            return "";
        }
        Duration left = timeLeft(now);
        if (left.isNegative()) {
            return "overdue";
        }
        if (left.compareTo(Duration.ofDays(2)) <= 0) {
            return "2d";
        }
        if (left.compareTo(Duration.ofDays(7)) <= 0) {
            return "7d";
        }
        return "";
    }
}
