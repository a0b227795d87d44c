package no.vern.register;

import no.vern.shared.Conflict;
import no.vern.shared.SubjectId;

/** A read of a subject whose processing is restricted (GDPR Art. 18): the data is kept, not used. */
public final class SubjectRestricted extends Conflict {

    public SubjectRestricted(SubjectId subject) {
        super("subject-restricted", "Processing restricted",
                "Subject " + subject + " is restricted (GDPR Art. 18): its data is stored but not used.");
    }
}
