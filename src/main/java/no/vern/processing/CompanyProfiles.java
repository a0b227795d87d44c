package no.vern.processing;

/**
 * The company profile (issue 21): read by every module that names the controller (mail sender and footer,
 * the privacy center, the banner, the officer's mailbox), changed by the privacy officer as a new version of
 * the record of processing.
 */
public interface CompanyProfiles {

    /** The profile of the current record version; read on every call, so a change shows in the next render. */
    CompanyProfile current();

    /**
     * Saves the profile as a new record version by the current actor. Fails with {@link StaleRecordVersion} if
     * {@code basedOnVersion} is not current and with {@link no.vern.shared.InvalidInput} naming every invalid
     * field (the organisation number's mod-11 check digit, addresses, domains, both footer languages).
     */
    RecordVersion update(int basedOnVersion, CompanyProfile changed, String changeNote);
}
