package no.vern.breach.internal;

import no.vern.breach.BreachNotice;
import no.vern.breach.BreachNoticeSender;
import no.vern.breach.NoticeOutcome;
import no.vern.shared.SubjectId;

/**
 * The strict default while no module can deliver to a person: every notice stays "pending
 * delivery", so the register never claims that someone was told (Art. 34(1)).
 */
final class PendingNoticeSender implements BreachNoticeSender {

    @Override
    public NoticeOutcome send(SubjectId subject, BreachNotice notice) {
        return NoticeOutcome.pending();
    }
}
