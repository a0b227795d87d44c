package no.vern.communications;

import java.util.List;

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
    List<EligibilityAnswer> check(String purposeKey, List<String> emails);
}
