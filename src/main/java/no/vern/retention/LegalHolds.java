package no.vern.retention;

import java.util.List;
import java.util.UUID;

/** Legal holds that stop deletion (issue 10, item 3): placed, listed and released, each step audited. */
public interface LegalHolds {

    /** Places a hold; {@link no.vern.shared.InvalidInput} or {@link no.vern.shared.NotFound} for an unknown target. */
    LegalHold place(NewHold hold);

    /** Releases a hold so that deletion resumes at the next run; releasing twice changes nothing. */
    LegalHold release(UUID holdId);

    /** Every hold, active first, then newest first. */
    List<LegalHold> list();
}
