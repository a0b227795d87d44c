package no.vern.retention;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The one source of the legal duties that outlive an erasure request (GDPR Art. 17(3)(b)): computed from the
 * current, versioned retention rules, so that the requests module, the register's restrictions and the policy
 * texts all say the same law, period and release date.
 */
public interface LegalDuties {

    /**
     * The duty that holds a record of this purpose and category whose voucher (or collection) is dated
     * {@code dated}, or empty when no rule imposes one (the record may then be erased). The duty is returned
     * even when it has run out; ask {@link LegalDuty#holdsOn}.
     */
    Optional<LegalDuty> heldUnder(String purposeKey, String category, Instant dated);

    /** The duty in words for the person, in their language: the act, the period and from when it runs. */
    String describe(LegalDuty duty, Locale locale);
}
