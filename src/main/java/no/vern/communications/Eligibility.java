package no.vern.communications;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lets an external mailer ask, for a purpose, which of its addresses may be contacted and why the
 * others may not, without learning anything beyond its own list (markedsføringsloven § 15, S7).
 */
public interface Eligibility {

    /** The most addresses one call may check. */
    int MAX_ADDRESSES = 100_000;

    /**
     * One answer per address, in the caller's order; fails with {@link no.vern.shared.InvalidInput} for
     * too many addresses and {@link no.vern.processing.UnknownPurpose} for an unknown purpose. Audited once.
     */
    default List<EligibilityAnswer> check(String purposeKey, List<String> emails) {
        List<EligibilityAnswer> answers = new ArrayList<>(emails == null ? 0 : emails.size());
        check(purposeKey, emails, answers::add);
        return answers;
    }

    /**
     * The same answers, handed to {@code sink} one by one in the caller's order as each chunk is answered, so that a
     * caller can stream them without holding them all (issue 28 item 6). Everything that fails the call as a whole
     * (no purpose, no or too many addresses, an unknown purpose) is thrown before the first answer. Audited once, after
     * the last answer (or when the sink fails, with the number answered until then). Returns the number eligible.
     */
    long check(String purposeKey, List<String> emails, Consumer<EligibilityAnswer> sink);
}
