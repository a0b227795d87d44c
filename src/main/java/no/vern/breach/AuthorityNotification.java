package no.vern.breach;

import java.time.Instant;

/**
 * A notification sent to Datatilsynet, as recorded in the register (GDPR Art. 33(1), 33(4)).
 *
 * @param phase initial or follow-up
 * @param sentAt when it was sent
 * @param reference the authority's reference number, if one was given
 * @param delayReason why it was sent after the 72-hour deadline (required then, Art. 33(1))
 * @param recordedBy actor reference of who recorded it
 * @param late whether it was sent after the deadline
 */
public record AuthorityNotification(NotificationPhase phase, Instant sentAt, String reference, String delayReason,
        String recordedBy, boolean late) {
}
