package no.vern.register;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * Who in the register holds data that came from someone other than the person (a customer's contact list, an import:
 * GDPR Art. 14), for the module that owes them a notice to find people registered before it scheduled notices. Ids,
 * sources, purposes and times only; no personal data.
 */
public interface ObtainedFromOthers {

    /**
     * One such person: the source and purpose of their earliest record obtained from others, and when they were
     * entered in the register.
     */
    record Obtained(SubjectId subject, Source source, String purposeKey, Instant obtainedAt) {
    }

    /** Those not erased, by id after {@code after} (null: from the start), at most {@code limit}. */
    List<Obtained> page(@Nullable SubjectId after, int limit);
}
