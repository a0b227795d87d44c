package no.vern.requests;

import no.vern.shared.Conflict;

/** Completion refused while a recipient is still to be told (GDPR Art. 19) or a connected system's step is open. */
public final class RecipientsOutstanding extends Conflict {

    public RecipientsOutstanding(RequestId id, int openNotices, int openSteps) {
        super("recipients-outstanding", "Recipients outstanding", "Request " + id + " has " + openNotices
                + " recipient(s) still to be told and " + openSteps
                + " system step(s) not settled; settle each (told, or not told with the reason) first.");
    }
}
