package no.vern.requests;

import no.vern.shared.Conflict;

/** Completion refused while a connected system's step is neither done nor waived with a reason. */
public final class StepsOutstanding extends Conflict {

    public StepsOutstanding(RequestId id, int open) {
        super("steps-outstanding", "Steps outstanding",
                "Request " + id + " has " + open + " system step(s) that are not done; finish or waive them with a reason.");
    }
}
